"""The names reports must redact, kept in the database with the panel's data.

Every member's reports then mask the same names, whichever computer made them
(the list used to be a file per computer: ``reporting.redaction.NAMES_FILE``).
``terms`` and ``for_reports`` import that file once, the first time a database is
asked for its list on a computer that has one, and record the import in the change
log; from then on the file decides nothing (one list, in the database). Every
report, export and excerpt approval takes its names from :func:`for_reports`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import delete, func, select

from qa_audit.errors import DatabaseError, UserError
from qa_audit.reporting.redaction import load_redaction_names, redaction_names_path
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

ENTITY = "redaction_term"
TERM_MAX = 200


def list_terms(db: Database) -> list[str]:
    """The stored names, in the order they were added."""
    with db.read() as s:
        return list(s.scalars(select(m.RedactionTerm.term).order_by(m.RedactionTerm.id)))


def add_term(db: Database, term: str, actor: Actor) -> bool:
    """Add a name (False: already listed, in any case)."""
    term = " ".join(term.split())
    if not term:
        raise UserError("A name to redact cannot be blank.")
    if len(term) > TERM_MAX:
        raise UserError(f"A name to redact has at most {TERM_MAX} characters.")
    with db.write() as s:
        existing = {t.lower() for t in s.scalars(select(m.RedactionTerm.term))}
        if term.lower() in existing:
            return False
        s.add(m.RedactionTerm(term=term, added_by=actor.user))
        changelog.record(s, actor, ENTITY, term, "add")
    return True


def remove_term(db: Database, term: str, actor: Actor) -> bool:
    """Remove a name (False: it was not listed)."""
    term = " ".join(term.split())
    with db.write() as s:
        row = s.execute(select(m.RedactionTerm.id, m.RedactionTerm.term)
                        .where(func.lower(m.RedactionTerm.term) == term.lower())).first()
        if row is not None:
            s.execute(delete(m.RedactionTerm).where(m.RedactionTerm.id == row.id))
            changelog.record(s, actor, ENTITY, row.term, "remove")
    return row is not None


def replace_terms(db: Database, wanted: Iterable[str], actor: Actor) -> tuple[int, int]:
    """Make the stored list ``wanted`` (an edited list, one term a line); (added, removed).

    Each addition and removal is its own change-log entry, so the log says who
    added or took off which name.
    """
    keep = [t for t in (" ".join(w.split()) for w in wanted) if t]
    keys = {t.lower() for t in keep}
    removed = sum(remove_term(db, t, actor) for t in list_terms(db) if t.lower() not in keys)
    added = sum(add_term(db, t, actor) for t in dict.fromkeys(keep))
    return added, removed


def _imported(db: Database, path: Path) -> bool:
    with db.read() as s:
        return s.scalar(select(m.ChangeLog.id).where(
            m.ChangeLog.entity == ENTITY, m.ChangeLog.action == "import",
            m.ChangeLog.entity_key == str(path)).limit(1)) is not None


def import_local_list(db: Database, actor: Actor, path: Path | None = None) -> int:
    """Add this computer's names file to the database, once per database; the count added."""
    path = path or redaction_names_path()
    if not path.exists() or _imported(db, path):
        return 0
    added = sum(add_term(db, name, actor) for name in load_redaction_names(path))
    with db.write() as s:
        changelog.record(s, actor, ENTITY, str(path), "import", after={"added": added})
    return added


def terms(db: Database, actor: Actor) -> list[str]:
    """The names to redact: the stored list, after the one-time import of a local file."""
    import_local_list(db, actor)
    return list_terms(db)


def for_reports(db: Database, names: Iterable[str] | None = None,
                actor: Actor | None = None) -> tuple[str, ...]:
    """The one list reports redact with: the database's terms (after the one-time import
    of this computer's old file), plus ``names`` a caller adds (tests, scripts).

    A database that cannot take the import now (open read-only, a reporting role,
    busy) gets it another time; until then the old file's names are redacted as
    well (quoting too little beats quoting a name).
    """
    path = redaction_names_path()
    pending: list[str] = []
    if path.exists() and not _imported(db, path):
        try:
            import_local_list(db, actor or Actor.current(), path)
        except DatabaseError:
            pending = load_redaction_names(path)
    return tuple(dict.fromkeys([*list_terms(db), *pending, *(names or ())]))
