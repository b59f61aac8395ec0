"""User-facing errors, kept apart from bugs.

Anything raised as a ``UserError`` is shown to the user as one clear sentence
(CLI: one line on stderr, GUI: a message box) and never as a traceback.
Everything else is a bug and is logged with its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """Something the user can understand and act on."""

    exit_code = 2

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details or [])

    def __str__(self) -> str:
        return self.message


class RubricError(UserError):
    """A rubric file is malformed; ``details`` holds one line per problem."""


@dataclass(frozen=True)
class RowProblem:
    """One bad cell in an import file (row as in the spreadsheet: header = row 1)."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        shown = f" ({self.value!r})" if self.value not in ("", None) else ""
        return f"row {self.row}, column {self.column}: {self.reason}{shown}"


class ImportRejected(UserError):
    """An import file had bad rows; nothing was written.

    ``details`` holds one line per bad row (the contract's ``row R, column C: reason``);
    a row with several bad cells names each on that line, separated by "; ".
    ``problems`` keeps every bad cell."""

    #: Bad rows listed at most (a garbled file can have millions); the rest are counted.
    MAX_LISTED = 100

    def __init__(self, message: str, problems: list[RowProblem]) -> None:
        by_row: dict[int, list[RowProblem]] = {}
        for p in problems:
            by_row.setdefault(p.row, []).append(p)
        rows = sorted(by_row)
        listed = [_row_line(by_row[r]) for r in rows[: self.MAX_LISTED]]
        rest = len(rows) - len(listed)
        if rest > 0:
            listed.append(f"... and {rest:,} more bad rows not listed (the first "
                          f"{self.MAX_LISTED} are above)")
        super().__init__(message, listed)
        self.problems = problems


def _row_line(cells: list[RowProblem]) -> str:
    return "; ".join(str(p) for p in cells)


class DatabaseError(UserError):
    """The database cannot be used: missing, corrupt, busy, read-only, too new."""

    exit_code = 3


class DatabaseCorrupt(DatabaseError):
    """The file failed an integrity check; it must not be written to."""


class DatabaseBusy(DatabaseError):
    """Another user holds the write lock longer than we are willing to wait."""


class DatabaseMissing(DatabaseError):
    """The file or the folder (network share) holding it is not reachable."""


class ReadOnlySession(UserError):
    """A closed session (or a read-only database) cannot be changed."""


class NotFound(UserError):
    """A named thing (session, rubric, plan) does not exist."""
