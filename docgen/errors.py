"""One exception tree for the whole toolkit.

Every error a user can cause is a :class:`DocgenError`. Each subclass owns an
exit code, and its message is one line that names the file, the case, the
form, the field and the fix. The CLI prints ``str(error)`` and exits with
``error.exit_code``; no traceback is shown for these.

Messages must never contain personal data beyond what the user needs to find
the problem (a path in the case file, not the passport number in it).
"""

from __future__ import annotations


class DocgenError(Exception):
    """Base of every error a user can cause or fix."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(DocgenError):
    """The command was called with options that do not fit together."""

    exit_code = 2


class CaseDataError(DocgenError):
    """Case data is missing, of the wrong type or unknown."""

    exit_code = 3


class MapError(DocgenError):
    """A field map is malformed or does not fit its form or the case model."""

    exit_code = 4


class FormError(DocgenError):
    """A blank form PDF is missing, unreadable, of another edition or unfillable."""

    exit_code = 5


class FillError(DocgenError):
    """A value cannot be put on the form as it stands (e.g. wrong format for a comb field)."""

    exit_code = 6


class TemplateError(DocgenError):
    """A letter template is malformed or uses variables the case does not have."""

    exit_code = 7


class ConversionError(DocgenError):
    """An outside converter (LibreOffice, tesseract) failed or hung."""

    exit_code = 8


class PacketError(DocgenError):
    """A packet spec or one of its documents cannot be assembled."""

    exit_code = 9


class NoticeError(DocgenError):
    """A notice file cannot be read at all (corrupt, encrypted, unsupported)."""

    exit_code = 10


class DocketError(DocgenError):
    """The docket database cannot be opened or is of an unknown schema."""

    exit_code = 11


class OutputError(DocgenError):
    """An output file cannot be written."""

    exit_code = 12


class BatchIncomplete(DocgenError):
    """Some cases of a batch failed or were not run (the report says which)."""

    exit_code = 13


class InputLimitError(DocgenError):
    """An input file is over a safety cap (pages, page or image pixels, size) and is not rendered or read.

    Raised before any page is rendered or image decoded, so a hostile or
    absurd file (one page 200 inches square, a 144-megapixel scan, 300 blank
    pages) costs nothing. The message names the file, what is over which cap
    and the fix; the mailroom sends such a file to review with it as reason.
    """

    exit_code = 14
