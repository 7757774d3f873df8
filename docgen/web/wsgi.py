"""The WSGI application ``docgen serve`` runs (and a reverse proxy's WSGI server may run)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "docgen.web.settings")
application = get_wsgi_application()
