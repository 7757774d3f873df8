"""Django settings, read from the environment ``docgen serve`` prepares.

``DOCGEN_WEB_DATA``: the data folder (database, uploads, outputs; 0700).
``DOCGEN_WEB_CASES``: the folder of case files. ``DOCGEN_WEB_PACKETS``: packet
specs. ``DOCGEN_WEB_DOCKET``: the mailroom docket. ``DOCGEN_WEB_WATCH``: a scan
folder the server watches and files from. ``DOCGEN_DATABASE_URL``: a
database URL (default: SQLite in the data folder; ``postgres://...`` for a
team server). ``DOCGEN_SECRET_KEY``: the signing key. ``DOCGEN_ALLOWED_HOSTS``,
``DOCGEN_CSRF_TRUSTED_ORIGINS`` (comma-separated) and ``DOCGEN_BEHIND_PROXY``
(``1``: trust ``X-Forwarded-Proto`` from the TLS proxy, secure cookies) for
running behind a reverse proxy. ``DOCGEN_TIME_ZONE``: the zone days are counted in
(default: this machine's).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from docgen.web.server import machine_time_zone


def _list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("DOCGEN_WEB_DATA", "docgen-data")).resolve()
CASES_DIR = Path(os.environ.get("DOCGEN_WEB_CASES", "cases")).resolve()
PACKETS_DIR = Path(os.environ["DOCGEN_WEB_PACKETS"]).resolve() if os.environ.get("DOCGEN_WEB_PACKETS") else None
_DOCKET = os.environ.get("DOCGEN_WEB_DOCKET") or ""
_TEAM_DB = os.environ.get("DOCGEN_DATABASE_URL", "")
if not _DOCKET and _TEAM_DB.startswith(("postgresql://", "postgres://")):
    _DOCKET = _TEAM_DB  # a team keeps the docket in the same PostgreSQL database as the accounts
# A docket file (resolved path) or a database address (kept as text).
DOCKET_PATH: Path | str = (
    _DOCKET
    if _DOCKET.startswith(("postgresql://", "postgres://"))
    else Path(_DOCKET or DATA_DIR / "docket.sqlite").resolve()
)
FORMS_DIR = os.environ.get("DOCGEN_FORMS_DIR") or None
# The scan folder the server watches and files from (``--watch``); none: no watcher.
WATCH_DIR = Path(os.environ["DOCGEN_WEB_WATCH"]).resolve() if os.environ.get("DOCGEN_WEB_WATCH") else None

SECRET_KEY = os.environ.get("DOCGEN_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = _list("DOCGEN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _list("DOCGEN_CSRF_TRUSTED_ORIGINS")
BEHIND_PROXY = os.environ.get("DOCGEN_BEHIND_PROXY", "") in ("1", "true", "yes")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "docgen.web.accounts",
    "docgen.web.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "docgen.web.accounts.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "docgen.web.urls"
WSGI_APPLICATION = "docgen.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "docgen.web.accounts.context.role",
            ],
        },
    }
]

_DATABASE_URL = os.environ.get("DOCGEN_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'workspace.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(_DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["docgen.web.accounts.backends.LockoutBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "case-list"
LOGOUT_REDIRECT_URL = "login"
LOCKOUT_FAILURES = int(os.environ.get("DOCGEN_LOCKOUT_FAILURES", "5"))
LOCKOUT_MINUTES = int(os.environ.get("DOCGEN_LOCKOUT_MINUTES", "15"))

SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "docgen_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_NAME = "docgen_csrf"
CSRF_FAILURE_VIEW = "docgen.web.accounts.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploads: small in memory, the rest in the data folder's tmp (owner-only); each kind checks its own size limit.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000  # the case form of a family has a few thousand inputs
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "tmp")
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
UPLOAD_LIMIT = int(os.environ.get("DOCGEN_UPLOAD_LIMIT", str(10 * 1024 * 1024)))

STATIC_URL = "/static/"
STATICFILES_DIRS = [Path(__file__).resolve().parent / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
# served at the site's root without a login: the folder holds favicon.ico alone (browsers ask for it on every page)
WHITENOISE_ROOT = Path(__file__).resolve().parent / "static" / "favicon"

LANGUAGE_CODE = "en-us"
# The firm's zone counts "today" (days left, overdue, the day a packet is filed): DOCGEN_TIME_ZONE, else this
# machine's, as the command line counts them (Django applies it to the whole process).
TIME_ZONE = os.environ.get("DOCGEN_TIME_ZONE") or machine_time_zone()
USE_I18N = False
USE_TZ = True

# Server logs name the method, path (case ids only) and status; never request bodies or query strings with data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"quiet_4xx": {"()": "docgen.web.accounts.middleware.QuietClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["quiet_4xx"]}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "docgen.web": {"handlers": ["console"], "level": "INFO"},
    },
}
