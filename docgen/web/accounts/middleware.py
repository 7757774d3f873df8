"""Security headers Django does not set by itself."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    """Content-Security-Policy (no inline script), Permissions-Policy, no caching of pages with case data, and the
    server's time for the request (``Server-Timing``, read by ``bench/bench_web.py``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start = time.perf_counter()
        parts: dict[str, float] = {}
        request.server_timing = parts  # views may add named parts (ms)
        response = self.get_response(request)
        timing = [f"app;dur={(time.perf_counter() - start) * 1000:.1f}"]
        timing += [f"{name};dur={ms:.1f}" for name, ms in parts.items()]
        response.headers["Server-Timing"] = ", ".join(timing)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response


FEED_PREFIX = "/calendar/"  # a calendar feed's path holds its secret token: never logged


class QuietClientErrors(logging.Filter):
    """A refused or missing page is one log line (method, path, status), not a traceback; a calendar feed's
    address (its token) is logged as ``/calendar/(address hidden)``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if int(getattr(record, "status_code", 500)) < 500:
            record.exc_info = None
            record.exc_text = None
        path = str(getattr(getattr(record, "request", None), "path", ""))
        if path.startswith(FEED_PREFIX) and path != FEED_PREFIX and isinstance(record.args, tuple):
            record.args = tuple(f"{FEED_PREFIX}(address hidden)" if arg == path else arg for arg in record.args)
        return True
