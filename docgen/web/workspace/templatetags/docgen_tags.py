"""Template filters of the workspace."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def as_text(value: Any) -> str:
    """A list as 'a, b, c'; anything else as its text."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)
