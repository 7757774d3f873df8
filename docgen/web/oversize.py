"""A request body over the server's limit gets a page of the workspace, not waitress's bare
"Request Entity Too Large" text.

Waitress refuses the body before the application sees it; its channel makes an error task for the
refusal. The channel installed here answers that one refusal by asking the application for
``/upload-too-large/`` instead (a GET with the caller's cookies, so the page has the menu of the user
who sent it), and closes the connection after (the rest of the body is never read).
"""

from __future__ import annotations

import io
from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.task import ErrorTask, WSGITask
from waitress.utilities import RequestEntityTooLarge

PATH = "/upload-too-large/"
SENT_TO = "docgen.too_large_for"  # the path the body was sent to (environ key)


class TooLargeTask(WSGITask):
    """The workspace's page for a body over the limit, in place of the error task."""

    def get_environment(self) -> dict[str, Any]:
        environ: dict[str, Any] = super().get_environment()
        if environ.get("PATH_INFO") != PATH:
            environ[SENT_TO] = environ.get("PATH_INFO", "")
            environ.update({"REQUEST_METHOD": "GET", "PATH_INFO": PATH, "QUERY_STRING": "", "CONTENT_LENGTH": "0"})
            environ.pop("CONTENT_TYPE", None)
            environ["wsgi.input"] = io.BytesIO()
        return environ

    def execute(self) -> None:
        self.set_close_on_finish()
        super().execute()


def error_task(channel: Any, request: Any) -> Any:
    """The task for a request waitress refused: the workspace's page for a body too large, waitress's for the
    rest (a malformed request has no page of ours)."""
    if isinstance(request.error, RequestEntityTooLarge):
        return TooLargeTask(channel, request)
    return ErrorTask(channel, request)


class Channel(HTTPChannel):
    """Waitress's channel with :func:`error_task`."""

    error_task_class = staticmethod(error_task)


def install(server: Any) -> None:
    """Use :class:`Channel` on every socket ``server`` (from ``waitress.create_server``) listens on."""
    sockets = getattr(server, "map", None) or getattr(server, "_map", {})
    for dispatcher in list(sockets.values()):
        if isinstance(dispatcher, BaseWSGIServer):
            dispatcher.channel_class = Channel
