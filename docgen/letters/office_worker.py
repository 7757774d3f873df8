"""LibreOffice worker: one headless LibreOffice serving many conversions.

Started by :class:`docgen.letters.convert.OfficeConverter`, never by hand. It
runs under the Python that has LibreOffice's UNO bridge (Debian's
``python3-uno``, i.e. ``/usr/bin/python3``), not docgen's virtualenv, so it
imports only the standard library, ``uno`` and ``unoserver``.

It starts ``soffice --headless`` listening on a local socket, connects to it
with unoserver's ``UnoConverter`` and prints ``{"ready": true}``. Then each
line on stdin is a request ``{"in": DOCX, "out": PDF}`` answered by one line
``{"ok": true}`` or ``{"ok": false, "error": ...}`` (the document could not be
converted; LibreOffice is still fine). If LibreOffice itself dies, the worker
exits and the supervisor restarts it. End of stdin stops LibreOffice and the
worker. The supervisor runs the worker in its own process group and kills the
whole group when anything goes wrong, so no LibreOffice is left behind.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import subprocess
import sys
import time
from typing import Any

EXIT_OFFICE_DIED = 2
EXIT_NO_BRIDGE = 3
EXIT_NO_START = 4


def reply(message: dict[str, Any]) -> None:
    """Send one JSON line to the supervisor."""
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def free_port() -> int:
    """A local TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_office(soffice: str, profile: str, port: int) -> subprocess.Popen[bytes]:
    """Start headless LibreOffice with its own profile, listening on ``port``."""
    accept = f"socket,host=127.0.0.1,port={port},tcpNoDelay=1;urp;StarOffice.ComponentContext"
    command = [
        soffice,
        "--headless",
        "--invisible",
        "--nocrashreport",
        "--nodefault",
        "--nologo",
        "--nofirststartwizard",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile}",
        f"--accept={accept}",
    ]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr)


def connect(converter_class: Any, office: subprocess.Popen[bytes], port: int, deadline: float) -> Any:
    """Connect to LibreOffice once it listens; None if it died or the deadline passed."""
    while time.monotonic() < deadline:
        if office.poll() is not None:
            return None
        try:
            return converter_class(interface="127.0.0.1", port=str(port))
        except Exception:  # NoConnectException until LibreOffice listens
            time.sleep(0.1)
    return None


def stop_office(converter: Any, office: subprocess.Popen[bytes]) -> None:
    """Ask LibreOffice to quit, then make sure it has."""
    if converter is not None and office.poll() is None:
        with contextlib.suppress(Exception):  # already gone or disposed: the kill below settles it
            converter.desktop.terminate()
    try:
        office.wait(timeout=5)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


def serve(converter: Any, office: subprocess.Popen[bytes]) -> int:
    """Answer conversion requests until stdin closes or LibreOffice dies."""
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            converter.convert(
                inpath=request["in"],
                outpath=request["out"],
                convert_to="pdf",
                filtername="writer_pdf_Export",
                update_index=False,
            )
        except Exception as exc:
            if office.poll() is not None or "disposed" in str(exc).lower() or type(exc).__name__.endswith("Disposed"):
                print(f"office_worker: LibreOffice died: {type(exc).__name__}", file=sys.stderr)
                return EXIT_OFFICE_DIED
            reply({"ok": False, "error": f"{type(exc).__name__}: {exc}".strip()})
            continue
        if office.poll() is not None:
            return EXIT_OFFICE_DIED
        reply({"ok": True})
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--soffice", default="soffice")
    parser.add_argument("--unoserver-path", default=None, help="Folder holding the unoserver package.")
    parser.add_argument("--start-timeout", type=float, default=60.0)
    parser.add_argument("--profile", required=True, help="LibreOffice user profile URL (file:///...).")
    args = parser.parse_args(argv)
    if args.unoserver_path:
        sys.path.append(args.unoserver_path)
    try:
        from unoserver.converter import UnoConverter
    except ImportError as exc:
        reply({"ready": False, "error": f"cannot import the UNO bridge: {exc}"})
        return EXIT_NO_BRIDGE
    port = free_port()
    office = start_office(args.soffice, args.profile, port)
    converter = None
    try:
        converter = connect(UnoConverter, office, port, time.monotonic() + args.start_timeout)
        if converter is None:
            reply({"ready": False, "error": "LibreOffice did not start"})
            return EXIT_NO_START
        reply({"ready": True})
        return serve(converter, office)
    finally:
        stop_office(converter, office)


if __name__ == "__main__":
    sys.exit(main())
