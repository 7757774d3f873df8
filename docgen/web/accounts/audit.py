"""The audit trail: one call per thing viewed or changed.

Entries name the case, the thing (a form, a template, a field path) and the
action; values are never copied in, so identity numbers cannot leak into it.
"""

from __future__ import annotations

import logging
from typing import Any

from docgen.web.accounts.models import AuditEntry

log = logging.getLogger("docgen.web.audit")


def record(user: Any, action: str, case_id: str = "", target: str = "", **details: Any) -> None:
    """Append one entry (who: ``user``; what: ``action`` on ``case_id``/``target``; ``details``: no values)."""
    AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        username=getattr(user, "username", "") or "anonymous",
        action=action,
        case_id=case_id,
        target=target[:300],
        details=details,
    )
