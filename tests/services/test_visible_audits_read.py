"""``scoring.visible_audits`` (read on every plan the scoring screen shows) reads plain
rows, not ORM instances, and gives the records the ORM load gave, field for field and
in the same order (benchmarks/NOTES.md: opening the scoring screen).

The reference below is the ORM load it replaced, kept here as the oracle.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import selectinload

from qa_audit.domain.audit import AuditRecord, ThemeRecord
from qa_audit.services import scoring
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database
from tests.bench_data import generate, generated
from tests.sql_log import sent_by

SESSION = "Panel 2026-01 #1"  # the first generated session
MEMBER = "A. Patel"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("visible")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        database = generated(folder / "v.db", generate.Scale("v", 200, 2, 12, 1),
                             status={SESSION: "scoring"})
        yield database
        database.dispose()


def orm_reference(db: Database, plan_ref: str, member: str) -> list[AuditRecord]:
    """What visible_audits returned before: ORM rows with selectin loads."""
    with db.read() as s:
        ctx = scoring._context(s, SESSION, plan_ref, member)
        audits = list(s.scalars(
            select(m.Audit)
            .options(selectinload(m.Audit.answers).selectinload(m.Answer.attributions),
                     selectinload(m.Audit.themes))
            .where(ctx.same_item())
            .order_by(m.Audit.is_panel, m.Audit.auditor)))
        if not scoring.can_see_others(s, ctx):
            audits = [a for a in audits if a.auditor == member]
        out = []
        for a in audits:
            answers = list(a.answers)
            out.append(AuditRecord(
                session=SESSION, plan_ref=ctx.plan.plan_ref, auditor=a.auditor,
                is_panel=a.is_panel, advice_request_id=a.advice_request_id,
                agency=a.agency, overall=a.overall, status=a.status,
                answers={x.question_id: x.value for x in answers if x.value},
                notes={x.question_id: x.note for x in answers if x.note},
                attributions={x.question_id: tuple(t.agency for t in x.attributions)
                              for x in answers if x.attributions},
                reasons={x.question_id: x.reason for x in answers if x.reason},
                themes=tuple(ThemeRecord(t.theme_id, t.question_id) for t in a.themes),
                strengths=a.strengths, development=a.development))
        return out


def ordered(records: list[AuditRecord]) -> list[Any]:
    """Records with their dicts as item lists, so key order is compared too."""
    return [(r, [list(d.items()) for d in (r.answers, r.notes, r.attributions, r.reasons)])
            for r in records]


def plans(db: Database) -> list[str]:
    con = sqlite3.connect(str(db.target.path))
    try:
        return [r[0] for r in con.execute(
            "SELECT p.plan_ref FROM sample_entry s JOIN plan p ON p.id = s.plan_id "
            "JOIN audit_session a ON a.id = s.session_id WHERE a.name = ? "
            "ORDER BY s.position", (SESSION,))]
    finally:
        con.close()


def test_the_records_match_the_orm_load_unblinded_and_blind(db: Database) -> None:
    refs = plans(db)
    con = sqlite3.connect(str(db.target.path))  # notes, reasons, two agencies on a shortfall
    con.execute("UPDATE answer SET note='see F', reason='r1' WHERE id IN (SELECT min(id) "
                "FROM answer GROUP BY audit_id)")
    con.execute("INSERT INTO shortfall_attribution (answer_id, agency) SELECT answer_id, "
                "'zz-other' FROM shortfall_attribution")
    con.execute("INSERT INTO shortfall_attribution (answer_id, agency) SELECT answer_id, "
                "'aa-other' FROM shortfall_attribution WHERE agency = 'zz-other'")
    con.commit()
    con.close()
    seen_attributions = seen_themes = False
    for ref in refs:
        got = scoring.visible_audits(db, SESSION, ref, MEMBER)
        assert ordered(got) == ordered(orm_reference(db, ref, MEMBER))
        assert len(got) > 1  # submitted: the others' and the panel's shown
        seen_attributions |= any(len(a) == 3 for r in got for a in r.attributions.values())
        assert any(r.notes and r.reasons for r in got)
        seen_themes |= any(r.themes for r in got)
    assert seen_attributions and seen_themes  # the data exercised both
    # blind: the member's own audit back to draft, so only it is shown
    con = sqlite3.connect(str(db.target.path))
    con.execute("UPDATE audit SET status='draft' WHERE auditor=? AND plan_id=(SELECT id "
                "FROM plan WHERE plan_ref=?)", (MEMBER, refs[0]))
    con.commit()
    con.close()
    got = scoring.visible_audits(db, SESSION, refs[0], MEMBER)
    assert [r.auditor for r in got] == [MEMBER]
    assert ordered(got) == ordered(orm_reference(db, refs[0], MEMBER))


def test_no_orm_audit_or_answer_is_loaded_and_three_statements_read_them(
        db: Database) -> None:
    ref = plans(db)[1]
    loaded: list[object] = []

    def on_load(target: object, _context: object) -> None:
        loaded.append(target)

    for model in (m.Audit, m.Answer, m.ShortfallAttribution, m.ThemeTag):
        event.listen(model, "load", on_load)
    try:
        sent = sent_by(db, lambda: scoring.visible_audits(db, SESSION, ref, MEMBER))
    finally:
        for model in (m.Audit, m.Answer, m.ShortfallAttribution, m.ThemeTag):
            event.remove(model, "load", on_load)
    assert loaded == []
    reads = [x.sql for x in sent if x.is_select and (
        "FROM audit " in x.sql or "FROM answer" in x.sql or "FROM theme_tag" in x.sql)]
    assert len(reads) == 3, reads  # audits; answers with attributions; themes


def test_progress_counts_the_sample_without_loading_it(db: Database) -> None:
    """The Submitted / Drafts table counts sampled items (withdrawn ones not), with no
    ORM sample rows built to count them."""
    from qa_audit.services import submission

    con = sqlite3.connect(str(db.target.path))
    con.execute("UPDATE sample_entry SET withdrawn_at='2026-01-05 10:00:00' WHERE id=(SELECT "
                "min(s.id) FROM sample_entry s JOIN audit_session a ON a.id = s.session_id "
                "WHERE a.name = ?)", (SESSION,))
    con.commit()
    con.close()
    loaded: list[object] = []

    def on_load(target: object, _context: object) -> None:
        loaded.append(target)

    event.listen(m.SampleEntry, "load", on_load)
    try:
        progress = submission.session_progress(db, SESSION)
    finally:
        event.remove(m.SampleEntry, "load", on_load)
    assert loaded == []
    assert {p.plans for p in progress} == {len(plans(db)) - 1}  # 12 sampled, 1 withdrawn
    mine = next(p for p in progress if p.member == MEMBER)
    assert mine.submitted + mine.drafts == 12  # withdrawn or not, each audit counts
