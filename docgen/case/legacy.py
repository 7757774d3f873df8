"""Answers once given per form, now given once for every form: taken over when a case is read.

Cases written before "one fact, one place" give, under ``extra``, answers that now have one
home in the model (the Social Security answers, the parents' names, reads English, the
employer's founding date...). When the case is read each such answer moves to its home, if
that is empty, so an old case fills every form as before and the maps read one place only;
the same fact given twice with different answers is an error naming both places (never one
chosen silently). Values are not repeated in the message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import TypeAdapter, ValidationError

if TYPE_CHECKING:
    from docgen.case.model import Case, Person

# form -> old answer -> (whose: person | sponsor | petitioner | beneficiary, dotted home)
MOVED: dict[str, dict[str, tuple[str, str]]] = {
    "I-485": {
        "ssa_card_issued": ("person", "ssa.card_issued"),
        "ssa_card_wanted": ("person", "ssa.card_wanted"),
        "ssa_consent": ("person", "ssa.disclosure_consent"),
        "reads_english": ("person", "reads_english"),
    },
    "I-765": {
        "ssa_card_issued": ("person", "ssa.card_issued"),
        "ssa_card_wanted": ("person", "ssa.card_wanted"),
        "ssa_disclosure_consent": ("person", "ssa.disclosure_consent"),
        "reads_english": ("person", "reads_english"),
        "father": ("person", "parents:M"),
        "mother": ("person", "parents:F"),
    },
    "I-539": {"reads_english": ("person", "reads_english")},
    "I-864": {"reads_english": ("sponsor", "reads_english")},
    "I-140": {
        "date_established": ("petitioner", "date_established"),
        "country_of_residence": ("beneficiary", "last_permanent_residence_country"),
    },
}


def _parent(person: Person, sex: Literal["M", "F"], name: Any, where: str, home: str) -> None:
    """``extra.I-765.father: {family_name, given_name}`` (the name at birth) into the person's parents."""
    from docgen.case.model import Name, Parent

    if not isinstance(name, dict) or not name.get("family_name"):
        raise ValueError(f"{where}: give family_name and given_name, or give the parent once in {home}")
    given = Name(family_name=name["family_name"], given_name=name.get("given_name"))
    parent = next((p for p in person.parents if p.sex == sex), None)
    if parent is None:
        person.parents.append(Parent(family_name=given.family_name, given_name=given.given_name, sex=sex))
        return
    shown = parent.birth_name or Name(family_name=parent.family_name or "", given_name=parent.given_name)
    if (shown.family_name, shown.given_name) != (given.family_name, given.given_name):
        if parent.birth_name is not None:
            raise ValueError(f"{where} and {home} (birth_name) give different names; keep the one in {home}")
        parent.birth_name = given  # the name at birth, differing from the current one


def _put(owner: Any, home: str, value: Any, where: str, place: str) -> None:
    """Set ``owner.<home>`` to ``value`` (validated by pydantic) unless it holds another answer already."""
    *sections, leaf = home.split(".")
    target = owner
    for section in sections:
        child = getattr(target, section)
        if child is None:
            child = type(target).model_fields[section].annotation
            child = next(a for a in getattr(child, "__args__", (child,)) if isinstance(a, type))()
            setattr(target, section, child)
        target = child
    info = type(target).model_fields[leaf]
    kind: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    try:
        checked = TypeAdapter(kind).validate_python(value)
    except ValidationError as exc:
        raise ValueError(f"{where}: {exc.errors()[0]['msg'].lower()} (it belongs in {place})") from None
    current = getattr(target, leaf)
    if current is None:
        setattr(target, leaf, checked)
    elif current != checked:
        raise ValueError(f"{where} and {place} give different answers; give it once, as {place}")


def take_over(case: Case) -> None:
    """Move every old per-form answer of ``case`` to its one place (see :data:`MOVED`)."""
    people = case.people_by_ref()
    for form, moved in MOVED.items():
        sources: list[tuple[str, dict[str, Any], list[tuple[str, Person]]]] = [
            (f"extra.{form}", case.extra.get(form) or {}, people)
        ]
        for index, (_, person) in enumerate(people):
            label = "beneficiary" if index == 0 else f"dependents[{index - 1}]"
            sources.append((f"{label}.extra.{form}", person.extra.get(form) or {}, [(label, person)]))
        for prefix, answers, whom in sources:
            for key in [k for k in answers if k in moved]:
                value = answers.pop(key)
                if value is None or value == "":
                    continue
                whose, home = moved[key]
                where = f"{prefix}.{key}"
                if home.startswith("parents:"):
                    sex: Literal["M", "F"] = "M" if home == "parents:M" else "F"
                    for _, person in whom:
                        _parent(person, sex, value, where, f"{_label(people, person)}.parents")
                    continue
                targets: list[tuple[str, Any]]
                if whose == "person":
                    targets = [(_label(people, person), person) for _, person in whom]
                elif whose == "sponsor":
                    targets = [("sponsor", case.sponsor)] if case.sponsor is not None else []
                elif whose == "petitioner":
                    targets = [("petitioner", case.petitioner)] if case.petitioner is not None else []
                else:
                    targets = [("beneficiary", case.beneficiary)]
                if not targets:
                    raise ValueError(f"{where}: this answer belongs to the {whose} ({whose}.{home}); the case has none")
                for label, owner in targets:
                    _put(owner, home, value, where, f"{label}.{home}")


def _label(people: list[tuple[str, Person]], person: Person) -> str:
    index = next(i for i, (_, p) in enumerate(people) if p is person)
    return "beneficiary" if index == 0 else f"dependents[{index - 1}]"
