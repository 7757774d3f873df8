"""Dotted paths into the case model, checked before anything is filled.

Maps and templates refer to case data as ``applicant.passport.number``; this
module knows which names exist, so a typo is caught on load with a
"did you mean" instead of a blank box on a filed form.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

from docgen.case.model import Case, Employer, Facts, Job, Person, Preparer, Representative

ROOTS: dict[str, Any] = {
    "case": Case,
    "petitioner": Employer,
    "beneficiary": Person,
    "applicant": Person,
    "dependents": list[Person],
    "job": Job,
    "representative": Representative,
    "preparer": Preparer,
    "facts": Facts,
    "extra": dict[str, Any],
    "today": dt.date,
}


_SCALARS: dict[type, str] = {str: "text", dt.date: "a date", int: "a number", bool: "true or false"}


def strip_annotation(annotation: Any) -> Any:
    """The type inside ``Annotated[...]`` and ``X | None``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def check_path(path: tuple[str, ...], roots: dict[str, Any] | None = None) -> str | None:
    """None if ``path`` names case data, else why not (with a suggestion)."""
    roots = roots if roots is not None else ROOTS
    root = path[0]
    if root not in roots:
        close = difflib.get_close_matches(root, list(roots), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; names are {', '.join(roots)}"
        return f"'{root}' is not case data{hint}"
    current: Any = roots[root]
    walked = root
    for part in path[1:]:
        current = strip_annotation(current)
        origin = typing.get_origin(current)
        if part in ("[]", "[*]"):
            if origin is not list and origin is not dict:
                return f"'{walked}' is not a list"
            current = typing.get_args(current)[-1]
            walked += "[]"
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            if part not in current.model_fields:
                close = difflib.get_close_matches(part, list(current.model_fields), n=1)
                hint = f"; did you mean '{walked}.{close[0]}'?" if close else ""
                return f"'{walked}' has no '{part}'{hint}"
            current = current.model_fields[part].annotation
            walked += "." + part
            continue
        if origin is list:
            return f"'{walked}' is a list; pick an item such as {walked}[0].{part}"
        if isinstance(current, type) and current in _SCALARS and not hasattr(current, part):
            return f"'{walked}' is {_SCALARS[current]}; it has no '{part}'"
        return None  # dicts (extra), Any: anything further is checked at fill time
    return None


def path_type(path: tuple[str, ...], roots: dict[str, Any] | None = None) -> Any:
    """The declared type at ``path`` (``[]`` steps into lists); Any when unknown."""
    return strip_annotation(declared_type(path, roots))


def declared_type(path: tuple[str, ...], roots: dict[str, Any] | None = None) -> Any:
    """The annotation at ``path`` as declared (``Annotated`` metadata and ``| None`` kept); Any when unknown."""
    roots = roots if roots is not None else ROOTS
    current: Any = roots.get(path[0], Any)
    for part in path[1:]:
        current = strip_annotation(current)
        if part in ("[]", "[*]") and typing.get_origin(current) is list:
            current = typing.get_args(current)[0]
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return Any
    return current


def element_type(path: tuple[str, ...], roots: dict[str, Any] | None = None) -> Any:
    """The type of one item of the list at ``path`` (Any when it cannot be known)."""
    roots = roots if roots is not None else ROOTS
    current: Any = roots.get(path[0], Any)
    for part in path[1:]:
        current = strip_annotation(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return Any
    current = strip_annotation(current)
    if typing.get_origin(current) is list:
        return typing.get_args(current)[0]
    return Any


def leaf_paths(model: Any = Case, prefix: str = "") -> list[str]:
    """Every dotted path to a value in ``model`` (lists shown as ``[0]``)."""
    out: list[str] = []
    model = strip_annotation(model)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return [prefix] if prefix else []
    for name, info in model.model_fields.items():
        annotation = strip_annotation(info.annotation)
        path = f"{prefix}.{name}" if prefix else name
        if typing.get_origin(annotation) is list:
            inner = strip_annotation(typing.get_args(annotation)[0])
            is_model = isinstance(inner, type) and issubclass(inner, BaseModel)
            out.extend(leaf_paths(inner, f"{path}[0]") if is_model else [f"{path}[0]"])
        elif typing.get_origin(annotation) is dict:
            out.append(path)
        else:
            out.extend(leaf_paths(annotation, path))
    return out
