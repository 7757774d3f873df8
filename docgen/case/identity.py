"""Identity numbers: text of a fixed format, checked where they enter, never repeated in messages.

An A-Number typed with the letter O for a zero (``A12345678O``), or a number
that YAML or a spreadsheet turned into ``2.1345679e8``, must stop the run, not
be cleaned into a different number. Each kind has one pattern; the case model
types its fields with :data:`ANumber`, :data:`SSN`... and the loader hides the
value of every field of such a type in its messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

_SEP = r"[- ]?"


@dataclass(frozen=True)
class IdentityFormat:
    """One kind of identity number: its name, its pattern and how to write it."""

    kind: str
    what: str  # "an A-Number"
    pattern: re.Pattern[str]
    how: str  # "A and 8 or 9 digits: ANNNNNNNNN"

    def problem(self, text: str) -> str | None:
        """Why ``text`` is not such a number (never quoting it), or None."""
        if self.pattern.fullmatch(text.strip()):
            return None
        return f"is not {self.what} (write {self.how})"

    def check(self, value: Any) -> str:
        """``value`` as text when it has the format; a pydantic error naming the format (not the value) if not."""
        if not isinstance(value, str):
            raise PydanticCustomError("identity_type", f"must be text in quotes ({self.what}: {self.how})")
        if not value.strip():
            raise PydanticCustomError(
                "identity_format", f"is empty; leave the key out when there is no {self.what[3:]}"
            )
        problem = self.problem(value)
        if problem:
            raise PydanticCustomError("identity_format", problem)
        return value.strip()


FORMATS = {
    f.kind: f
    for f in (
        IdentityFormat(
            "a_number",
            "an A-Number",
            re.compile(rf"[Aa]?{_SEP}(?:\d{_SEP}){{7,8}}\d"),
            "A and 8 or 9 digits: ANNNNNNNNN",
        ),
        IdentityFormat(
            "ssn",
            "a Social Security number",
            re.compile(rf"\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{4}}"),
            "9 digits: NNN-NN-NNNN",
        ),
        IdentityFormat("ein", "an EIN", re.compile(rf"\d{{2}}{_SEP}\d{{7}}"), "9 digits: NN-NNNNNNN"),
        IdentityFormat(
            "uscis_account",
            "a USCIS online account number",
            re.compile(rf"(?:\d{_SEP}){{11}}\d"),
            "12 digits: NNNN-NNNN-NNNN",
        ),
        IdentityFormat(
            "i94",
            "an I-94 number",
            re.compile(r"\d{9}[A-Za-z]\d|\d{11}"),
            "11 digits, or 9 digits, a letter and a digit",
        ),
        IdentityFormat(
            "passport",
            "a passport or travel document number",
            re.compile(r"[A-Za-z0-9]{5,20}"),
            "5 to 20 letters and digits, as printed in the document",
        ),
        IdentityFormat(
            "receipt",
            "a USCIS receipt number",
            re.compile(rf"[A-Za-z]{{3}}{_SEP}\d{{10}}"),
            "3 letters and 10 digits: WACNNNNNNNNNN",
        ),
    )
}


def _identity(kind: str) -> Any:
    fmt = FORMATS[kind]
    return Annotated[str, BeforeValidator(fmt.check), fmt]


ANumber = _identity("a_number")
SSN = _identity("ssn")
EIN = _identity("ein")
USCISAccount = _identity("uscis_account")
I94Number = _identity("i94")
DocumentNumber = _identity("passport")
ReceiptNo = _identity("receipt")


def identity_format(annotation: Any) -> IdentityFormat | None:
    """The identity format an annotation carries (through ``X | None`` and ``Annotated``), if any."""
    import typing

    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, IdentityFormat):
            return meta
    for arg in typing.get_args(annotation):
        found = identity_format(arg)
        if found is not None:
            return found
    return None
