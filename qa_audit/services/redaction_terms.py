"""The names reports must redact, kept in the database with the panel's data.

Every member's reports then mask the same names, whichever computer made them
(the list used to be a file per computer: ``reporting.redaction.NAMES_FILE``).
``terms`` imports that file once, the first time a database is asked for its
list on a computer that has one, and records the import in the change log.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select

from qa_audit.errors import UserError
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
    with db.write() as s:
        gone = s.scalar(select(m.RedactionTerm.id).where(m.RedactionTerm.term == term))
        if gone is not None:
            s.execute(delete(m.RedactionTerm).where(m.RedactionTerm.id == gone))
            changelog.record(s, actor, ENTITY, term, "remove")
    return gone is not None


def import_local_list(db: Database, actor: Actor, path: Path | None = None) -> int:
    """Add this computer's names file to the database, once per database; the count added."""
    path = path or redaction_names_path()
    with db.read() as s:
        done = s.scalar(select(m.ChangeLog.id).where(
            m.ChangeLog.entity == ENTITY, m.ChangeLog.action == "import",
            m.ChangeLog.entity_key == str(path)).limit(1))
    if done is not None or not path.exists():
        return 0
    added = sum(add_term(db, name, actor) for name in load_redaction_names(path))
    with db.write() as s:
        changelog.record(s, actor, ENTITY, str(path), "import", after={"added": added})
    return added


def terms(db: Database, actor: Actor) -> list[str]:
    """The names to redact: the stored list, after the one-time import of a local file."""
    import_local_list(db, actor)
    return list_terms(db)
