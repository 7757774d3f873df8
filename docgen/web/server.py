"""Configure Django from the command line, apply migrations, run the server.

``docgen serve`` binds to 127.0.0.1 by default. Any other address needs
``--allow-remote`` and a secret key given by the environment or the data
folder's ``settings.yaml`` (not one made up here), and belongs behind a TLS
reverse proxy (README, "Workspace").
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.errors import UsageError
from docgen.fileio import write_text_atomic
from docgen.yamlio import load_yaml_file

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
SETTINGS_FILE = "settings.yaml"
SETTINGS_KEYS = {
    "secret_key": "DOCGEN_SECRET_KEY",
    "database_url": "DOCGEN_DATABASE_URL",
    "cases": "DOCGEN_WEB_CASES",
    "packets": "DOCGEN_WEB_PACKETS",
    "docket": "DOCGEN_WEB_DOCKET",
    "watch": "DOCGEN_WEB_WATCH",
    "allowed_hosts": "DOCGEN_ALLOWED_HOSTS",
    "csrf_trusted_origins": "DOCGEN_CSRF_TRUSTED_ORIGINS",
    "behind_proxy": "DOCGEN_BEHIND_PROXY",
    "time_zone": "DOCGEN_TIME_ZONE",
}
ZONEINFO = Path("/usr/share/zoneinfo")  # Django refuses a zone it has no file for here, when the folder exists


@dataclass
class Place:
    """Where the workspace keeps and finds things."""

    data: Path
    cases: Path | None = None
    packets: Path | None = None
    docket: Path | str | None = None  # a file, or a postgresql:// address
    watch: Path | None = None  # a scan folder to watch and file from


def read_settings_file(data: Path) -> dict[str, Any]:
    """``DATA/settings.yaml`` (optional): the same settings as the environment, by their short names."""
    path = data / SETTINGS_FILE
    if not path.exists():
        return {}
    raw = load_yaml_file(path, UsageError)
    if not isinstance(raw, dict):
        raise UsageError(f"{path}: write keys and values ({', '.join(SETTINGS_KEYS)})")
    unknown = sorted(set(raw) - set(SETTINGS_KEYS))
    if unknown:
        raise UsageError(f"{path}: unknown setting {unknown[0]!r}; known: {', '.join(SETTINGS_KEYS)}")
    return dict(raw)


def _known_zone(name: str) -> bool:
    if not name or name.startswith("/") or ".." in name.split("/"):
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return False
    return not ZONEINFO.is_dir() or (ZONEINFO / name).is_file()


def machine_time_zone() -> str:
    """The IANA name of this machine's time zone (``TZ``, else what ``/etc/localtime`` links to, else
    ``/etc/timezone``), so the workspace counts days as the command line does; ``UTC`` when none is known."""
    found = [os.environ.get("TZ", "").lstrip(":")]
    localtime = os.path.realpath("/etc/localtime")
    found.append(localtime.split("/zoneinfo/", 1)[1] if "/zoneinfo/" in localtime else "")
    with contextlib.suppress(OSError):
        found.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    found = [name.split("/zoneinfo/", 1)[1] if "/zoneinfo/" in name else name for name in found]
    return next((name for name in found if _known_zone(name)), "UTC")


def check_time_zone() -> None:
    """A ``DOCGEN_TIME_ZONE`` (or ``time_zone`` in settings.yaml) that names no zone: one line, not Django's
    traceback."""
    given = os.environ.get("DOCGEN_TIME_ZONE", "")
    if given and not _known_zone(given):
        raise UsageError(
            f"DOCGEN_TIME_ZONE: {given!r} is not a time zone; write its IANA name, such as America/Los_Angeles "
            f"or Europe/Berlin (unset, the workspace counts days in this machine's zone, {machine_time_zone()})"
        )


def _env_value(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def configure(place: Place, *, remote: bool = False, look_only: bool = False) -> None:
    """Set the environment the settings module reads, then set Django up. Call once per process.

    ``look_only`` (``docgen db status``): make nothing, neither the data folder nor a secret key (this
    process signs nothing)."""
    os.umask(0o077)  # everything the workspace writes (database, uploads, outputs) is owner-only
    data = place.data.resolve()
    if not look_only:
        data.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(data, 0o700)
        (data / "tmp").mkdir(exist_ok=True, mode=0o700)
    for key, value in read_settings_file(data).items():
        os.environ.setdefault(SETTINGS_KEYS[key], _env_value(value))
    os.environ["DOCGEN_WEB_DATA"] = str(data)
    if place.cases is not None:
        os.environ["DOCGEN_WEB_CASES"] = str(place.cases.resolve())
    if place.packets is not None:
        os.environ["DOCGEN_WEB_PACKETS"] = str(place.packets.resolve())
    if place.docket is not None:
        docket = place.docket
        os.environ["DOCGEN_WEB_DOCKET"] = docket if isinstance(docket, str) else str(docket.resolve())
    if place.watch is not None:
        os.environ["DOCGEN_WEB_WATCH"] = str(place.watch.resolve())
    if not os.environ.get("DOCGEN_WEB_PACKETS") and os.environ.get("DOCGEN_WEB_CASES"):
        sibling = Path(os.environ["DOCGEN_WEB_CASES"]).parent / "packets"
        if sibling.is_dir():
            os.environ["DOCGEN_WEB_PACKETS"] = str(sibling)
    if not os.environ.get("DOCGEN_SECRET_KEY"):
        if remote:
            raise UsageError(
                "serving beyond this machine needs a secret key: set DOCGEN_SECRET_KEY or secret_key in "
                f"{data / SETTINGS_FILE} (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')"
            )
        os.environ["DOCGEN_SECRET_KEY"] = secrets.token_urlsafe(50) if look_only else _local_secret(data)
    check_time_zone()
    os.environ["DJANGO_SETTINGS_MODULE"] = "docgen.web.settings"
    import django

    django.setup()


def _local_secret(data: Path) -> str:
    """The key a local workspace signs sessions with, made once and kept owner-only in the data folder."""
    path = data / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(50)
    write_text_atomic(path, key + "\n")
    return key


def migrate() -> None:
    """Apply the workspace database's migrations (and keep the role groups in step); a database a newer docgen
    migrated is refused before anything is applied."""
    from django.core.management import call_command

    from docgen.web import schema

    schema.refuse_newer()
    call_command("migrate", interactive=False, verbosity=0)


def upgrade(warn: Callable[[str], None] | None = None) -> None:
    """Bring every schema to the newest this docgen knows: the docket's (if there is a docket yet) and the
    workspace database's. Either one written by a newer docgen stops it before anything is changed.

    With ``warn`` (the server), a docket that cannot be read is said there and left alone: the workspace
    still starts, and its pages say the docket's deadlines are missing. Without it, that stops it too.
    """
    from django.conf import settings

    from docgen.errors import DocketError
    from docgen.mailroom.docket import open_docket
    from docgen.mailroom.schema import DocketSchema, docket_schema

    docket: DocketSchema | None = None
    try:
        docket = docket_schema(settings.DOCKET_PATH)
    except DocketError as exc:
        if warn is None:
            raise
        warn(f"warning: {exc} (the workspace starts without it)")
    if docket is not None and docket.newer:
        raise DocketError(f"{docket.location}: docket {docket.state}; nothing was changed")
    migrate()
    if docket is not None and docket.version is not None and docket.version < docket.newest:
        with open_docket(settings.DOCKET_PATH, create=False):
            pass  # opening a docket upgrades it, in one transaction


def check_host(host: str, allow_remote: bool) -> bool:
    """True when ``host`` is beyond this machine; refuses it without ``--allow-remote``."""
    remote = host not in LOCAL_HOSTS
    if remote and not allow_remote:
        raise UsageError(
            f"--host {host}: the workspace would be reachable from other machines; add --allow-remote, set a "
            "secret key, and put it behind a TLS reverse proxy (README, Workspace)"
        )
    return remote


def run(host: str, port: int, threads: int = 8, announce: Any = print, new_docket: bool = False) -> None:
    """Serve the workspace with waitress until interrupted (``port`` 0 picks a free one). ``new_docket``: the
    watcher may make a docket file for cases whose notices are recorded in another (``--new-docket``)."""
    from django.conf import settings
    from waitress.server import create_server

    from docgen.web import oversize
    from docgen.web.wsgi import application

    if not settings.CASES_DIR.is_dir():
        raise UsageError(f"{settings.CASES_DIR}: no such folder of case files; give --cases DIR")
    from docgen.web.services import jobs, watcher

    jobs.mark_interrupted()
    watching = None
    if settings.WATCH_DIR is not None:
        watching = watcher.Watcher(settings.WATCH_DIR, settings.DOCKET_PATH, settings.CASES_DIR, new_docket=new_docket)
        watching.check()
    proxy: dict[str, Any] = {}
    if settings.BEHIND_PROXY:
        proxy = {
            "trusted_proxy": os.environ.get("DOCGEN_TRUSTED_PROXY", "127.0.0.1"),
            "trusted_proxy_headers": {"x-forwarded-proto"},
        }
    try:
        server: Any = create_server(
            application,
            host=host,
            port=port,
            threads=threads,
            max_request_body_size=settings.UPLOAD_LIMIT * 2 + 1024 * 1024,
            ident="docgen",
            **proxy,
        )
    except OSError as exc:  # the address is taken (another docgen serve?) or not this machine's
        shown = f"[{host}]" if ":" in host else host
        raise UsageError(
            f"{shown}:{port}: cannot listen there ({exc.strerror or exc}); stop the program using it or give "
            "another --port (--port 0 picks a free one)"
        ) from None
    oversize.install(server)  # a body over the limit gets a readable page (docgen.web.oversize)
    shown = f"[{host}]" if ":" in host else host
    announce(
        f"docgen workspace on http://{shown}:{server.effective_port}/ (cases: {settings.CASES_DIR}; "
        f"data: {settings.DATA_DIR}); Ctrl-C stops it"
    )
    try:  # SIGTERM stops as Ctrl-C does (docgen.cli turns it into KeyboardInterrupt)
        if watching is not None:
            watcher.install(watching)
            watching.start()
            announce(f"watching {settings.WATCH_DIR} for scans (the mailroom desk shows what it did)")
        sys.stdout.flush()
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if watching is not None:
            announce("stopping the watcher after the file in hand")
            sys.stdout.flush()
            watching.stop()
        from docgen.web.services import documents

        documents.close_office()
