"""The rubrics a database holds, as the Rubrics page lists them."""

from __future__ import annotations

from qa_audit.services.rubric_view import list_rubrics
from qa_audit.storage.engine import Database


def test_list_rubrics_has_versions(db: Database) -> None:
    summaries = list_rubrics(db)
    assert summaries
    assert all(s.versions == (1,) and s.latest_version == 1 for s in summaries)
