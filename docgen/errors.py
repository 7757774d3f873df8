"""One exception tree for the whole toolkit, named by problem, with one exit code per problem.

Every error a user can cause is a :class:`DocgenError`. A class names the
problem (a blank form that is missing, a PDF that needs a password, a person
the case does not have), not the place it was found: an encrypted PDF is a
:class:`LockedFileError` whether it is a blank form, a packet exhibit or a
notice, and exits with the same code.

An error carries what a program needs to point at the problem: ``path``,
``line``, ``case_id``, ``field`` and ``fix``; its message is one line that
names them for a person. The CLI prints ``str(error)`` and exits with
:func:`exit_code` (one table, :data:`EXIT_CODES`, which the README's table is
checked against); no traceback is shown for these.

To add a problem: subclass the nearest class here and give it a row in
:data:`EXIT_CODES` (a new code, or the code of the problem it refines).

Messages must never contain personal data beyond what the user needs to find
the problem (a path in the case file, not the passport number in it).
"""

from __future__ import annotations

from pathlib import Path


class _ExitCode:
    """``SomeError.exit_code`` and ``error.exit_code`` both read :data:`EXIT_CODES`."""

    def __get__(self, instance: object, owner: type[BaseException]) -> int:
        return exit_code_of(owner)


class DocgenError(Exception):
    """Base of every error a user can cause or fix."""

    exit_code = _ExitCode()

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        case_id: str | None = None,
        field: str | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.case_id = case_id
        self.field = field
        self.fix = fix

    def located(self, where: str) -> DocgenError:
        """The same problem, its message prefixed with where it was found (``spec.yaml:12``); attributes kept."""
        return type(self)(
            f"{where}: {self.message}",
            path=self.path,
            line=self.line,
            case_id=self.case_id,
            field=self.field,
            fix=self.fix,
        )

    def __str__(self) -> str:
        if self.fix and self.fix not in self.message:
            return f"{self.message}; {self.fix}"
        return self.message


class UsageError(DocgenError):
    """The command was called with options that do not fit together."""


class CaseDataError(DocgenError):
    """Case data is missing, of the wrong type or unknown."""


class UnknownPersonError(CaseDataError):
    """A person was asked for (``--for``, a packet part's ``for``) that the case does not have."""


class MapError(DocgenError):
    """A field map is malformed or does not fit its form or the case model."""


class FormError(DocgenError):
    """A blank form is missing, of another edition or cannot be filled (XFA-only)."""


class FillError(DocgenError):
    """A value cannot be put on the form as it stands (e.g. wrong format for a comb field)."""


class TemplateError(DocgenError):
    """A letter template is malformed or uses variables the case does not have."""


class ConversionError(DocgenError):
    """An outside converter (LibreOffice, tesseract) failed or hung."""


class PacketError(DocgenError):
    """A packet spec or one of its documents cannot be assembled."""


class NoticeError(DocgenError):
    """A notice file cannot be read as a notice (unsupported type, pattern files wrong)."""


class BusyError(DocgenError):
    """Another run holds a lock this one needs (a batch's output folder, the docket): wait for it, or use
    another."""


class DocketError(DocgenError):
    """The docket database cannot be opened or is of an unknown schema."""


class DocketBusyError(DocketError, BusyError):
    """Another program holds the docket's write lock longer than the caller would wait."""


class OutputError(DocgenError):
    """An output file cannot be written."""


class BatchIncomplete(DocgenError):
    """Some cases of a batch failed or were not run, or some files of a mailroom ingest failed (the report says
    which)."""


class UnreadableFileError(DocgenError):
    """An input file (blank form, evidence, notice) cannot be opened at all."""


class LockedFileError(UnreadableFileError):
    """An input file needs a password to open (a PDF or a Word file), wherever it is used."""


class DamagedFileError(UnreadableFileError):
    """An input file is damaged, cut short or not the type it claims to be, wherever it is used."""


class InputLimitError(UnreadableFileError):
    """An input file is over a safety cap (pages, page or image pixels, bytes), so it is not rendered or read.

    Raised before any page is rendered or image decoded, so a hostile or
    absurd file (one page 200 inches square, a 144-megapixel scan, 300 blank
    pages) costs nothing. The message names the file, what is over which cap
    and the fix; as an unreadable file, the mailroom sends it to review with
    the message as the reason.
    """


class DiskFullError(OutputError):
    """The disk (or the docket's database) is full; nothing half-done is kept, a rerun finishes."""


# Class -> (exit code, what the problem is). The one table: the CLI exits with these codes and
# the README's table of exit codes must match it (tests/test_docs.py). A subclass without a
# row exits with its nearest listed ancestor's code, but the docs test asks for a row.
EXIT_CODES: dict[type[DocgenError], tuple[int, str]] = {
    DocgenError: (1, "any other error docgen reports (a demo job that failed)"),
    UsageError: (2, "usage: options that do not fit together, a missing or unknown argument"),
    CaseDataError: (3, "case data: missing, wrong type, unknown key"),
    UnknownPersonError: (3, "case data: the case has no such person (`--for`, a packet part's `for`)"),
    MapError: (4, "field map"),
    FormError: (5, "blank form: missing, of another edition, XFA-only"),
    FillError: (6, "a value cannot go on the form (format, unprintable character)"),
    TemplateError: (7, "letter template"),
    ConversionError: (8, "converter (LibreOffice, tesseract)"),
    PacketError: (9, "packet spec or one of its documents"),
    NoticeError: (10, "notice file of a type docgen does not read; notice patterns"),
    BusyError: (11, "busy: another batch is writing into the same output folder; wait for it, or use another"),
    DocketError: (11, "docket: not there, damaged, missing a table, of a newer schema (the mailroom's database)"),
    DocketBusyError: (11, "docket busy: another run holds its write lock longer than this one waits; run again"),
    OutputError: (12, "output cannot be written"),
    BatchIncomplete: (
        13,
        "a batch finished with failed or unstarted cases, or an ingest with failed files (see its report)",
    ),
    UnreadableFileError: (14, "an input file cannot be opened"),
    LockedFileError: (14, "an input file (blank form, evidence, notice) needs a password"),
    DamagedFileError: (15, "an input file is damaged, cut short or not the type it claims"),
    DiskFullError: (16, "the disk (or the docket's database) is full; a rerun finishes the work"),
    InputLimitError: (17, "an input file is over a safety cap (pages, page size, pixels, bytes); nothing was rendered"),
}


def exit_code_of(error: type[BaseException]) -> int:
    """The exit code of a problem: its class's row in :data:`EXIT_CODES`, else its nearest listed ancestor's."""
    for cls in error.__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls][0]
    return 1


def exit_code(error: BaseException) -> int:
    """The exit code the CLI gives for ``error``."""
    return exit_code_of(type(error))
