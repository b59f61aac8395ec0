"""Checking a rubric file before it is imported from the window, then importing it.

A council officer picks a file: they must see every problem with its line (the
loader finds them all at once), or, for a good file, what the import will do
(new rubric, unchanged, or version N+1) before anything is written. The import
itself goes through ``rubrics.store_rubric``, the same path as ``qa-audit rubric
import``, so it is versioned and in the change log with the user's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qa_audit.domain.rubric import Rubric
from qa_audit.errors import RubricError
from qa_audit.rubrics.loader import MAX_FILE_BYTES, load_rubric_file
from qa_audit.services import rubrics
from qa_audit.services.actor import Actor
from qa_audit.services.rubrics import PlannedImport, RubricImportResult
from qa_audit.storage.engine import Database

__all__ = [
    "FileProblem",
    "RubricFileCheck",
    "RubricPreview",
    "check_rubric_file",
    "import_preview",
    "problems_of",
]


@dataclass(frozen=True)
class FileProblem:
    """One validation problem: the file's line (1-based) and what is wrong there."""

    line: int
    problem: str


@dataclass(frozen=True)
class RubricPreview:
    """A valid rubric file and what importing it would store."""

    path: Path
    text: str
    rubric: Rubric
    plan: PlannedImport

    @property
    def questions(self) -> int:
        return sum(len(s.questions) for s in self.rubric.sections)

    def outcome(self) -> str:
        """What the import will do, in words."""
        if self.plan.current is None:
            return "New rubric: it will be stored as version 1."
        if not self.plan.changed:
            return (f"Unchanged: this content is already stored as version {self.plan.current}; "
                    "importing stores nothing.")
        return (f"Changed: it will be stored as version {self.plan.version} "
                f"(the latest stored is version {self.plan.current}).")


@dataclass(frozen=True)
class RubricFileCheck:
    """The outcome of checking a file: a preview, or the problems (with the file's text)."""

    path: Path
    message: str
    text: str = ""
    problems: tuple[FileProblem, ...] = ()
    preview: RubricPreview | None = None

    @property
    def ok(self) -> bool:
        return self.preview is not None


def problems_of(error: RubricError, source: str) -> tuple[FileProblem, ...]:
    """The loader's ``SOURCE:LINE: text`` details as (line, problem) pairs."""
    out: list[FileProblem] = []
    prefix = f"{source}:"
    for detail in error.details:
        rest = detail[len(prefix):] if detail.startswith(prefix) else detail
        line, sep, text = rest.partition(": ")
        if sep and line.isdigit():
            out.append(FileProblem(int(line), text))
        else:
            out.append(FileProblem(0, detail))
    return tuple(out)


def _readable_text(path: Path) -> str:
    """The file as text for showing beside its problems ("" if it cannot be read)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return ""
        return path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return ""


def check_rubric_file(db: Database, path: str | Path) -> RubricFileCheck:
    """Validate ``path`` and work out what importing it would store; writes nothing.

    Problems in the file come back in the result; a database that cannot be read
    raises its ``UserError`` (busy, missing...) for the caller to show.
    """
    path = Path(path)
    source = str(path)
    try:
        rubric = load_rubric_file(path)
        text = path.read_bytes().decode("utf-8-sig")
    except RubricError as exc:
        return RubricFileCheck(path, exc.message, _readable_text(path), problems_of(exc, source))
    except OSError as exc:  # removed or locked between the check and the read
        return RubricFileCheck(path, f"{source}: cannot read the file ({exc.strerror or exc})")
    with db.read() as session:
        plan = rubrics.planned_import(session, rubric)
    preview = RubricPreview(path, text, rubric, plan)
    return RubricFileCheck(path, f"{source}: a valid rubric", text, preview=preview)


def import_preview(db: Database, preview: RubricPreview, actor: Actor) -> RubricImportResult:
    """Store the previewed text (validated again on the way in)."""
    return rubrics.import_rubric_text(db, preview.text, str(preview.path), actor)
