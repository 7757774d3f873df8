"""Case data: the typed model and its loader."""

from docgen.case.loader import load_case, parse_case
from docgen.case.model import Case, Person

__all__ = ["Case", "Person", "load_case", "parse_case"]
