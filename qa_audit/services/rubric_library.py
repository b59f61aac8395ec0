"""The council rubric library: shipped council frameworks a user can add to a database.

Each of the seed councils' frameworks ships as a rubric file under
``rubrics/councils/``; the Rubrics page lists them with whether this database
already holds them, and imports one through the same preview as a chosen file.
The folder is a parameter so tests (and a council's own library) can use another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qa_audit.errors import RubricError
from qa_audit.rubrics.library import council_rubric_files
from qa_audit.rubrics.loader import load_rubric_file
from qa_audit.services import rubrics
from qa_audit.storage.engine import Database

__all__ = ["COUNCILS", "LibraryRubric", "library_files", "list_library"]

#: The councils whose frameworks ship (from the seed documents).
COUNCILS = ("Ealing", "Thurrock", "Kingston", "Medway", "Staffordshire")


@dataclass(frozen=True)
class LibraryRubric:
    """One file of the library and its state in this database."""

    path: Path
    id: str
    title: str
    council: str
    status: str  # in words: not imported / imported as version N / file differs...
    imported: bool  # this exact content is stored (importing would store nothing)
    problem: str = ""  # the file does not validate (then id is the file name)


def library_files(folder: Path | None = None) -> list[Path]:
    """The library's rubric files: ``folder``'s ``*.yaml``, else the shipped council files."""
    return council_rubric_files(folder)


def council_of(path: Path, *texts: str) -> str:
    """Which council a file belongs to: a known name in its file name, title or sources."""
    for text in (path.stem, *texts):
        for council in COUNCILS:
            if council.casefold() in text.casefold():
                return council
    return path.stem.split("-")[0].replace("_", " ").title()


def _status(plan: rubrics.PlannedImport) -> tuple[str, bool]:
    if plan.current is None:
        return "Not imported", False
    if not plan.changed:
        return f"Imported (version {plan.current})", True
    return f"Version {plan.current} stored; this file would be version {plan.version}", False


def list_library(db: Database, folder: Path | None = None) -> list[LibraryRubric]:
    """Every library file with its title, council and whether it is already imported."""
    out: list[LibraryRubric] = []
    with db.read() as session:
        for path in library_files(folder):
            try:
                rubric = load_rubric_file(path)
            except RubricError as exc:
                out.append(LibraryRubric(path, path.stem, path.name, council_of(path),
                                         "Does not validate", False, exc.message))
                continue
            status, imported = _status(rubrics.planned_import(session, rubric))
            council = council_of(path, rubric.title, *rubric.sources)
            out.append(LibraryRubric(path, rubric.id, rubric.title, council, status, imported))
    return out
