"""The redaction names list in the database: add, remove, and the one-time import of
a computer's old names file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from qa_audit.errors import UserError
from qa_audit.reporting.redaction import redaction_names_path
from qa_audit.services import redaction_terms
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database


def test_terms_are_added_once_and_removed(db: Database, actor: Actor) -> None:
    assert redaction_terms.add_term(db, " Jamie  Smith ", actor)
    assert not redaction_terms.add_term(db, "jamie smith", actor)  # any case
    assert redaction_terms.add_term(db, "Alex Kay", actor)
    assert redaction_terms.list_terms(db) == ["Jamie Smith", "Alex Kay"]
    assert redaction_terms.remove_term(db, "Jamie Smith", actor)
    assert not redaction_terms.remove_term(db, "Jamie Smith", actor)
    assert redaction_terms.list_terms(db) == ["Alex Kay"]
    with pytest.raises(UserError):
        redaction_terms.add_term(db, "  ", actor)


def test_the_computers_names_file_is_imported_once(db: Database, actor: Actor) -> None:
    path: Path = redaction_names_path()
    path.write_text("# children\nJamie Smith\nAlex Kay  # sibling\n", encoding="utf-8")
    assert redaction_terms.terms(db, actor) == ["Jamie Smith", "Alex Kay"]
    redaction_terms.remove_term(db, "Alex Kay", actor)
    assert redaction_terms.terms(db, actor) == ["Jamie Smith"]  # not imported again


def test_reports_use_one_list_from_the_database(db: Database, actor: Actor) -> None:
    path: Path = redaction_names_path()
    path.write_text("Jamie Smith\n", encoding="utf-8")
    assert redaction_terms.for_reports(db, actor=actor) == ("Jamie Smith",)  # imported
    redaction_terms.remove_term(db, "jamie smith", actor)  # any case
    path.write_text("Jamie Smith\nAlex Kay\n", encoding="utf-8")  # edited after the import
    assert redaction_terms.for_reports(db, actor=actor) == ()  # the file decides nothing
    assert redaction_terms.for_reports(db, ["Sam"]) == ("Sam",)  # a caller's extra names
    assert redaction_terms.replace_terms(db, ["Alex Kay", " ", "alex kay"], actor) == (1, 0)
    assert redaction_terms.replace_terms(db, ["Sam"], actor) == (1, 1)
    assert redaction_terms.list_terms(db) == ["Sam"]


def test_a_read_only_database_still_masks_the_files_names(db: Database, actor: Actor) -> None:
    redaction_names_path().write_text("Jamie Smith\n", encoding="utf-8")
    redaction_terms.add_term(db, "Alex Kay", actor)
    read_only = replace(db, read_only=True)
    assert redaction_terms.for_reports(read_only, actor=actor) == ("Alex Kay", "Jamie Smith")
    assert redaction_terms.list_terms(db) == ["Alex Kay"]  # not imported: it could not be
    assert redaction_terms.for_reports(db, actor=actor) == ("Alex Kay", "Jamie Smith")
    assert redaction_terms.list_terms(db) == ["Alex Kay", "Jamie Smith"]
