"""Two stored versions of a rubric compared (the diff itself: tests/unit/test_rubric_diff.py)."""

from __future__ import annotations

import pytest

from qa_audit.rubrics.loader import load_rubric_text
from qa_audit.services import rubrics
from qa_audit.services.actor import Actor
from qa_audit.services.rubric_diff import compare_versions
from qa_audit.storage.engine import Database
from tests.unit.test_rubric_diff import changed_text
from tests.unit.test_rubric_loader import GOOD


def test_compare_stored_versions(db: Database, actor: Actor) -> None:
    with db.write() as session:
        rubrics.store_rubric(session, load_rubric_text(GOOD), GOOD, actor)
        rubrics.store_rubric(session, load_rubric_text(changed_text()), changed_text(), actor)
    comparison = compare_versions(db, "tiny", 1, 2)
    assert (comparison.version_a, comparison.version_b) == (1, 2)
    assert any(c.item == "parents_views" and c.kind == "added" for c in comparison.changes)


@pytest.mark.parametrize("versions", [(1, 9), (9, 1)])
def test_compare_missing_version_is_not_found(db: Database, actor: Actor,
                                              versions: tuple[int, int]) -> None:
    from qa_audit.errors import NotFound

    with db.write() as session:
        rubrics.store_rubric(session, load_rubric_text(GOOD), GOOD, actor)
    with pytest.raises(NotFound):
        compare_versions(db, "tiny", *versions)
