"""Errors raised by ``bilateral``: one line each, naming the file, line or term.

>>> str(DataSyntaxError("bad token", file="a.ttl", line=3))
'a.ttl:3: bad token'
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "BilateralDeprecationWarning",
    "BilateralError",
    "DataNote",
    "DataProblemsError",
    "DataSyntaxError",
    "InputError",
    "QueryError",
    "QueryWarning",
    "UnknownNameError",
]


class BilateralError(Exception):
    """Base class: every error ``bilateral`` raises on purpose.

    ``exit_code`` is what the CLI exits with: 2 for unusable input, 1 for data
    or query problems that were reported.
    """

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.message = " ".join(str(message).split())
        self.file = file
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(BilateralError):
    """A file, folder or option value that cannot be used."""


class DataSyntaxError(BilateralError):
    """A data file that does not parse (syntax, encoding, invalid IRI)."""


class QueryError(BilateralError):
    """A SPARQL query that is malformed, unsafe or failed."""


class UnknownNameError(BilateralError):
    """An actor or term name that matches nothing, or more than one thing."""


class QueryWarning(UserWarning):
    """A query names terms the graph does not hold, or found nothing for a likely reason."""


class BilateralDeprecationWarning(DeprecationWarning):
    """An old spelling of a call that still works for one release; the message says the new one."""


class DataNote(UserWarning):
    """Something the loader did that the user should know: files it skipped in a folder."""


class DataProblemsError(BilateralError):
    """Validation found problems, so nothing was written or sent; ``problems`` lists
    them (each prints as one line)."""

    exit_code = 1

    def __init__(self, message: str, *, problems: Sequence[object] = ()):
        super().__init__(message)
        self.problems = list(problems)
