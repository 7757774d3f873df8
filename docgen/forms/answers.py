"""Per-form answers (``extra``) as typed models, declared in each map under ``answers:``.

Every answer a map reads from ``extra`` is declared with its type::

    answers:
      reason: {type: choice, values: [initial, replacement, renewal]}
      ssa_card_wanted: yesno
      eligibility_category: eligibility_category     # c9 -> (c)(9)
      father: {type: section, fields: {family_name: text, given_name: text}}
      dependents: {type: section, many: keyed, fields: {adjustment: yesno}}

Types: ``text`` (one value), ``yesno`` (true/false, yes/no), ``date``, ``number``,
``integer``, ``list``, ``any``, ``eligibility_category``, ``receipt_number``,
``choice`` (``values``), ``section`` (``fields``; ``many: list`` for a list of
them, ``many: keyed`` for a mapping of them by person id) and ``moved`` (``to``: an
answer now given once elsewhere in the case; a case that still gives it here is told
where it goes, and no rule of the map may read it).

From the declaration a pydantic model is built: the map's expressions are checked
against it (an undeclared answer is a map error with a "did you mean"), and a
case's answers are validated before a fill: an unknown key gets a "did you mean",
an invalid value an error naming the form, part and item.
"""

from __future__ import annotations

import difflib
import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, create_model

from docgen.case.model import Case, Date, Person
from docgen.errors import CaseDataError, MapError

_ELIGIBILITY = re.compile(r"^\(?([a-c])\)?\s*\(?(\d{1,2})\)?\s*(?:\(?([A-Za-z]{1,3})\)?)?$", re.IGNORECASE)
_RECEIPT = re.compile(r"^[A-Z]{3}\d{10}$")


def eligibility_category(value: Any) -> Any:
    """``c9``, ``C 9``, ``(c)(9)`` to ``(c)(9)``; ``c3c`` to ``(c)(3)(C)``; anything else is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    match = _ELIGIBILITY.match(str(value).strip())
    if not match:
        raise ValueError("an eligibility category is written like (c)(9), (a)(12) or (c)(3)(C)")
    letter, number, sub = match.groups()
    text = f"({letter.lower()})({int(number)})"
    if sub:
        text += f"({sub.upper() if len(sub) == 1 else sub.lower()})"
    known = i765_categories()
    spelled = {category.lower(): category for category in known}.get(text.lower())
    if spelled is None:
        subs = [k for k in known if k.startswith(text + "(")]  # (c)(3) without its letter
        near = subs or difflib.get_close_matches(text, known, n=1, cutoff=0.8)
        hint = f"; did you mean {' or '.join(near)}?" if near else ""
        raise ValueError(f"{text} is not an eligibility category of Form I-765 (its instructions list them){hint}")
    return spelled  # as the form's instructions write it: (c)(3)(C), but (c)(17)(i)


@functools.cache
def i765_categories() -> tuple[str, ...]:
    """The eligibility categories Form I-765 takes (``docgen/data/forms/i765_categories.yaml``)."""
    from docgen.bundled import bundled_dir
    from docgen.yamlio import load_yaml_text

    name = "docgen/data/forms/i765_categories.yaml"
    data = load_yaml_text((bundled_dir("forms") / "i765_categories.yaml").read_text(encoding="utf-8"), name, MapError)
    return tuple(str(c) for c in data["categories"])


def receipt_number(value: Any) -> Any:
    """A USCIS receipt number: three letters for the office and 10 digits (``IOE0912345678``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = re.sub(r"[\s-]", "", str(value)).upper()
    if not _RECEIPT.match(text):
        raise ValueError(
            f"a receipt number is 3 letters (the office) and 10 digits, 13 characters; this one has {len(text)}"
        )
    return text


def _moved(to: str, value: Any) -> Any:
    if value is None:
        return None
    raise ValueError(f"this answer is given once for every form, as {to}, not here")


def moved_answers(raw: Any) -> dict[str, str]:
    """The answers a map declares ``moved`` (given elsewhere in the case now), with where they go."""
    if not isinstance(raw, dict):
        return {}
    return {
        str(key): str(value.get("to", ""))
        for key, value in raw.items()
        if isinstance(value, dict) and value.get("type") == "moved"
    }


def _blank(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


SCALARS: dict[str, Any] = {
    "text": Annotated[Any, BeforeValidator(_blank)],  # a value the map prints or passes on as given
    "yesno": Annotated[bool, BeforeValidator(_blank)],
    "date": Date,
    "number": Annotated[Decimal, BeforeValidator(_blank)],
    "integer": Annotated[int, BeforeValidator(_blank)],
    "list": list[Any],
    "any": Any,
    "eligibility_category": Annotated[str, BeforeValidator(eligibility_category)],
    "receipt_number": Annotated[str, BeforeValidator(receipt_number)],
}


class _Answers(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _type(path: Path, name: str, raw: Any) -> Any:
    if isinstance(raw, str):
        raw = {"type": raw}
    if not isinstance(raw, dict) or "type" not in raw:
        raise MapError(f"{path}: answers: {name}: give a type ({', '.join(sorted(SCALARS))}, choice, section or moved)")
    kind = str(raw["type"])
    if kind in SCALARS:
        return SCALARS[kind]
    if kind == "moved":  # an answer given once elsewhere in the case now (one fact, one place)
        to = raw.get("to")
        if not isinstance(to, str) or not to.strip():
            raise MapError(f"{path}: answers: {name}: a moved answer says where it goes now (to: ...)")
        return Annotated[Any, BeforeValidator(functools.partial(_moved, to))]
    if kind == "choice":
        values = raw.get("values")
        if not isinstance(values, list) or not values:
            raise MapError(f"{path}: answers: {name}: a choice lists its values")
        return Literal[tuple(str(v) if not isinstance(v, (bool, int)) else v for v in values)]
    if kind == "section":
        fields = raw.get("fields")
        if not isinstance(fields, dict):
            raise MapError(f"{path}: answers: {name}: a section lists its fields")
        model = build_model(path, f"{name}", fields)
        many = raw.get("many")
        if many == "list":
            return list[model]  # type: ignore[valid-type]
        if many == "keyed":
            return dict[str, model]  # type: ignore[valid-type]
        if many is not None:
            raise MapError(f"{path}: answers: {name}: many is 'list' or 'keyed'")
        return model
    close = difflib.get_close_matches(kind, [*SCALARS, "choice", "section", "moved"], n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise MapError(f"{path}: answers: {name}: unknown type '{kind}'{hint}")


def build_model(path: Path, name: str, raw: Any) -> type[BaseModel]:
    """A pydantic model of the answers declared in ``raw`` (every answer optional)."""
    if not isinstance(raw, dict):
        raise MapError(f"{path}: answers must map each answer the map reads to its type")
    fields: dict[str, Any] = {
        str(key): (_type(path, f"{name}.{key}", value) | None, None) for key, value in raw.items()
    }
    model: type[BaseModel] = create_model(re.sub(r"\W", "_", name) or "Answers", __base__=_Answers, **fields)
    return model


def _place(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate(
    model: type[BaseModel], data: dict[str, Any], *, form: str, where: str, items: dict[str, str]
) -> dict[str, Any]:
    """``data`` checked against ``model``: the answers normalised, or a CaseDataError naming form, part and item.

    ``where`` says whose answers they are (``case.yaml: case X: extra.I-765``); ``items`` maps
    each top-level answer to the form's part and item that shows it.
    """
    try:
        checked = model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        place = _place(loc)
        key = str(loc[0]) if loc else ""
        item = items.get(key, "")
        at = f"{where}.{place}: {form} {item}" if item else f"{where}.{place}: {form}"
        if error["type"] == "extra_forbidden":
            parent: Any = model
            for part in loc[:-1]:
                if isinstance(part, int) or not (isinstance(parent, type) and issubclass(parent, BaseModel)):
                    continue
                annotation = parent.model_fields[str(part)].annotation
                parent = next(
                    (
                        a
                        for a in getattr(annotation, "__args__", (annotation,))
                        if isinstance(a, type) and issubclass(a, BaseModel)
                    ),
                    None,
                )
            known = list(parent.model_fields) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
            close = difflib.get_close_matches(str(loc[-1]), known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; the {form} takes: {', '.join(known)}"
            raise CaseDataError(
                f"{where}.{place}: '{loc[-1]}' is not an answer the {form} takes{hint}", field=place
            ) from None
        if error["type"] == "literal_error":
            expected = error.get("ctx", {}).get("expected", "")
            offered = re.findall(r"'([^']*)'", expected)
            close = difflib.get_close_matches(str(error.get("input")), offered, n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'? " if close else ""
            message = f"{error.get('input')!r} is not one of the choices; {hint}the choices: {expected}"
        elif error["type"].startswith("bool"):
            message = f"{error.get('input')!r} is not a yes/no answer; write true or false"
        elif error["type"] == "value_error":
            message = str(error.get("ctx", {}).get("error", error["msg"]))
        else:
            message = error["msg"].lower()
        raise CaseDataError(f"{at}: {message}; correct the case", field=place) from None
    return checked.model_dump(exclude_unset=True)


def case_answers(
    model: type[BaseModel] | None, items: dict[str, str], form: str, case: Case, person: Person, source: str
) -> dict[str, Any]:
    """The form's answers for ``person``: the case's ``extra[form]`` under the person's own, both checked
    against the map's declared answers (unchecked when the map declares none)."""
    ref = next((r for r, p in case.people_by_ref() if p is person), "beneficiary")
    merged: dict[str, Any] = {}
    for data, owner in ((case.extra.get(form) or {}, "extra"), (person.extra.get(form) or {}, f"{ref}: extra")):
        if model is not None:
            data = validate(model, data, form=form, where=f"{source}: case {case.case_id}: {owner}.{form}", items=items)
        merged.update(data)
    return merged
