"""Several agreed answers (and the agreed grade) recorded in one transaction.

"Agree where unanimous" sets many rows at once, and undoing it clears them again:
one write, one version bump of the agreed row and one conflict check, with a
change-log entry per answer as ``agreed.save_agreed_answer`` writes. The rules
(who may moderate, valid answers and reasons, attribution only on a shortfall)
are the scoring service's, called here rather than copied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_audit.domain.items import ItemKey
from qa_audit.services import changelog
from qa_audit.services.agreed import _check_version, _moderation_ctx, _panel_audit
from qa_audit.services.scoring import _check_grade, _set_answer, bump_version
from qa_audit.storage.engine import Database


@dataclass(frozen=True)
class AgreedAnswer:
    """The panel's agreed answer to one question, with what goes with it."""

    question_id: str
    value: str | None
    agencies: tuple[str, ...] = ()
    reason: str | None = None
    rationale: str | None = None  # None: leave the stored rationale as it is
    note: str | None = None


@dataclass(frozen=True)
class AgreedGrade:
    grade: int | None
    rationale: str | None = None  # None: leave the stored rationale as it is


def save_agreed(db: Database, session_name: str, plan_ref: str | ItemKey, moderator: str,
                answers: Sequence[AgreedAnswer] = (), grade: AgreedGrade | None = None, *,
                expected_version: int | None = None) -> int:
    """Record agreed answers and/or the agreed grade together; returns the new version.

    ``expected_version``: the agreed row's version this screen loaded (0: it saw none);
    when someone else saved since, ``ConflictError`` and nothing is written.
    """
    with db.write() as s:
        ctx = _moderation_ctx(s, session_name, plan_ref, moderator)
        if grade is not None:
            _check_grade(ctx.rubric, grade.grade)
        audit, created = _panel_audit(s, ctx, moderator)
        first = answers[0].question_id if answers else None
        current = {a.question_id: a.value for a in audit.answers}
        _check_version(audit, expected_version,
                       f"answer to {first}" if first else "overall grade",
                       None, current.get(first) if first else audit.overall, created=created)
        for answer in answers:
            _set_answer(s, audit, ctx, answer.question_id, answer.value, answer.note,
                        answer.agencies, rationale=answer.rationale, reason=answer.reason)
            key = f"{ctx.session.name}/{ctx.log_key()}/{answer.question_id}"
            changelog.record(
                s, ctx.actor, "agreed_answer", key, "set",
                before={"value": current.get(answer.question_id)},
                after={"value": answer.value, "agencies": list(answer.agencies),
                       "reason": answer.reason})
        if grade is not None:
            before = audit.overall
            audit.overall = grade.grade
            audit.status = "submitted" if grade.grade is not None else "draft"
            if grade.rationale is not None:
                audit.overall_rationale = grade.rationale or None
            changelog.record(s, ctx.actor, "agreed_overall", f"{ctx.session.name}/{ctx.log_key()}",
                             "set", before={"overall": before},
                             after={"overall": grade.grade, "rationale": grade.rationale})
        audit.updated_by = moderator
        bump_version(audit)
        s.flush()
        return audit.version
