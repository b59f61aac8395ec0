"""Checking a rubric file before import: every problem with its line, or what will be stored;
and the council library with each file's state in the database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from qa_audit.services import rubrics
from qa_audit.services.actor import Actor
from qa_audit.services.rubric_import import check_rubric_file, import_preview
from qa_audit.services.rubric_library import council_of, list_library
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database
from tests.unit.test_rubric_loader import GOOD

BROKEN = (GOOD.replace("max: 8\n", "max: eight\n", 1)
          .replace("rag: amber", "rag: purple")
          .replace("        options: ypn\n        allows_na: true", "        options: xyz\n"
                   "        allows_na: true"))


def versions(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(m.RubricVersion)) or 0)


def test_valid_file_previews_new_then_unchanged_then_next_version(
        tmp_path: Path, db: Database, actor: Actor) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD, encoding="utf-8")
    before = versions(db)
    check = check_rubric_file(db, path)
    assert check.ok and check.preview is not None
    assert (check.preview.plan.version, check.preview.plan.current) == (1, None)
    assert "version 1" in check.preview.outcome()
    assert check.preview.questions == 4
    assert versions(db) == before  # a check writes nothing
    result = import_preview(db, check.preview, actor)
    assert (result.id, result.version, result.created) == ("tiny", 1, True)
    again = check_rubric_file(db, path).preview
    assert again is not None and not again.plan.changed
    assert "Unchanged" in again.outcome()
    path.write_text(GOOD.replace("target_percent_good: 80", "target_percent_good: 85"))
    changed = check_rubric_file(db, path).preview
    assert changed is not None and changed.plan.version == 2
    assert "version 2" in changed.outcome()


def test_import_is_in_the_change_log_with_the_user(tmp_path: Path, db: Database,
                                                   actor: Actor) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD, encoding="utf-8")
    preview = check_rubric_file(db, path).preview
    assert preview is not None
    import_preview(db, preview, actor)
    with db.read() as session:
        entry = session.scalars(select(m.ChangeLog).where(m.ChangeLog.entity_key == "tiny@1")).one()
        assert (entry.user_name, entry.action) == (actor.user, "import")
        stored = rubrics.get_version(session, "tiny")
    assert stored.version == 1


def test_invalid_file_lists_every_problem_with_its_line(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    before = versions(db)
    check = check_rubric_file(db, path)
    assert not check.ok
    assert check.text == BROKEN  # shown beside the problems
    lines = BROKEN.splitlines()
    found = {(p.line, lines[p.line - 1].strip()) for p in check.problems}
    assert (7, "max: eight") in found
    assert any("purple" in text for _line, text in found)
    assert any("xyz" in text for _line, text in found)
    assert len(check.problems) >= 3
    assert all(not p.problem.startswith(str(path)) for p in check.problems)
    assert versions(db) == before


def test_unreadable_file_says_so(tmp_path: Path, db: Database) -> None:
    check = check_rubric_file(db, tmp_path / "missing.yaml")
    assert not check.ok
    assert "cannot read the file" in check.message
    assert check.problems == ()


def test_library_lists_files_with_their_state(tmp_path: Path, db: Database,
                                              actor: Actor) -> None:
    (tmp_path / "medway-performance.yaml").write_text(
        GOOD.replace("id: tiny", "id: medway-qa").replace("Tiny rubric", "Medway plan audit"))
    (tmp_path / "thurrock.yaml").write_text(GOOD.replace("id: tiny", "id: thurrock-qa"))
    (tmp_path / "broken.yaml").write_text(BROKEN)
    (tmp_path / "notes.txt").write_text("not a rubric")
    entries = {e.id: e for e in list_library(db, tmp_path)}
    assert set(entries) == {"medway-qa", "thurrock-qa", "broken"}
    assert entries["medway-qa"].council == "Medway"
    assert entries["medway-qa"].title == "Medway plan audit"
    assert not entries["medway-qa"].imported and entries["medway-qa"].status == "Not imported"
    assert entries["broken"].problem
    rubrics.import_rubric_file(db, tmp_path / "medway-performance.yaml", actor)
    entries = {e.id: e for e in list_library(db, tmp_path)}
    assert entries["medway-qa"].imported
    assert entries["medway-qa"].status == "Imported (version 1)"


def test_council_from_sources_when_the_name_does_not_say() -> None:
    assert council_of(Path("framework.yaml"), "A title", "Kingston internal QA") == "Kingston"
    assert council_of(Path("north-shire.yaml"), "A title") == "North"
