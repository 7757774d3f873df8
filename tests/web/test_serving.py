"""The browser tests' ``docgen serve`` (tests/web/serving.py) reads what the server writes as it comes: a server
logging more than a pipe holds (64 KiB) kept serving (it blocked on its log before, and the tests hung)."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from tests.web.serving import served, server_env


def test_a_server_logging_more_than_a_pipe_holds_keeps_serving(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    with served(tmp_path / "data", tmp_path / "cases", server_env()) as url:
        for number in range(100):  # each missing page is a log line naming its path: about 200 KB in all
            try:
                urllib.request.urlopen(f"{url}/missing-{number}-{'x' * 2000}", timeout=10)
            except urllib.error.HTTPError as exc:
                assert exc.code == 404
            else:
                raise AssertionError("a missing page was found")
