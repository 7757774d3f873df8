"""LibreOffice worker: one headless LibreOffice serving many conversions.

Started by :class:`docgen.letters.convert.OfficeConverter`, never by hand. It
runs under the Python that has LibreOffice's UNO bridge (Debian's
``python3-uno``, i.e. ``/usr/bin/python3``), not docgen's virtualenv, so it
imports only the standard library and ``uno``.

It starts ``soffice --headless`` listening on a local socket, connects to it
over the UNO bridge and prints ``{"ready": true}``. Then each line on stdin is
a request ``{"in": DOCX, "out": PDF}`` answered by one line ``{"ok": true}`` or
``{"ok": false, "error": ...}`` (the document could not be converted;
LibreOffice is still fine). If LibreOffice itself dies, the worker exits and
the supervisor restarts it. End of stdin stops LibreOffice and the worker. The
supervisor runs the worker in its own process group and kills the whole group
when anything goes wrong, so no LibreOffice is left behind.

Documents are opened hidden, read-only, with macros never run and links never
updated: a letter is user content, and hidden loading is about a third faster.
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
NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
NO_UPDATE = 0  # com.sun.star.document.UpdateDocMode.NO_UPDATE


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


def connect(office: subprocess.Popen[bytes], port: int, deadline: float) -> Any:
    """The LibreOffice desktop once it listens; None if it died or the deadline passed."""
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    while time.monotonic() < deadline:
        if office.poll() is not None:
            return None
        try:
            context = resolver.resolve(url)
        except Exception:  # NoConnectException until LibreOffice listens
            time.sleep(0.1)
            continue
        return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return None


def _properties(**values: Any) -> tuple[Any, ...]:
    from com.sun.star.beans import PropertyValue

    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


def convert(desktop: Any, source: str, target: str) -> None:
    """Open ``source`` hidden and read-only, export it as PDF to ``target``, close it."""
    import uno

    load = _properties(Hidden=True, ReadOnly=True, MacroExecutionMode=NEVER_EXECUTE, UpdateDocMode=NO_UPDATE)
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, load)
    if document is None:
        raise ValueError("LibreOffice could not open the document")
    try:
        document.storeToURL(uno.systemPathToFileUrl(target), _properties(FilterName="writer_pdf_Export"))
    finally:
        document.close(True)


def stop_office(desktop: Any, office: subprocess.Popen[bytes]) -> None:
    """Ask LibreOffice to quit, then make sure it has."""
    if desktop is not None and office.poll() is None:
        with contextlib.suppress(Exception):  # already gone or disposed: the kill below settles it
            desktop.terminate()
    try:
        office.wait(timeout=5)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


def serve(desktop: Any, office: subprocess.Popen[bytes]) -> int:
    """Answer conversion requests until stdin closes or LibreOffice dies."""
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            convert(desktop, request["in"], request["out"])
        except Exception as exc:
            if office.poll() is not None or "disposed" in str(exc).lower() or "Disposed" in type(exc).__name__:
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
    parser.add_argument("--start-timeout", type=float, default=60.0)
    parser.add_argument("--profile", required=True, help="LibreOffice user profile URL (file:///...).")
    args = parser.parse_args(argv)
    try:
        import uno  # noqa: F401
    except ImportError as exc:
        reply({"ready": False, "error": f"cannot import the UNO bridge: {exc}"})
        return EXIT_NO_BRIDGE
    port = free_port()
    office = start_office(args.soffice, args.profile, port)
    desktop = None
    try:
        desktop = connect(office, port, time.monotonic() + args.start_timeout)
        if desktop is None:
            reply({"ready": False, "error": "LibreOffice did not start"})
            return EXIT_NO_START
        reply({"ready": True})
        return serve(desktop, office)
    finally:
        stop_office(desktop, office)


if __name__ == "__main__":
    sys.exit(main())
