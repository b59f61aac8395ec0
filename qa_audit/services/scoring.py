"""Scoring one session's plans (autosaved answers, grade, texts, themes) and blind visibility.

Submission is in :mod:`~qa_audit.services.submission`, the panel's agreed audit in
:mod:`~qa_audit.services.agreed`.

Every change is one short write transaction, saved as it is made. A member only
ever writes their own audit row, so ordinary scoring never conflicts; agreed
(panel) rows carry a version and a stale save is reported, never overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from qa_audit.domain import permissions
from qa_audit.domain.audit import AuditRecord, ThemeRecord
from qa_audit.domain.items import ItemKey, as_item
from qa_audit.domain.plan_fields import with_custom
from qa_audit.domain.rubric import Question, Rubric
from qa_audit.errors import NotFound, UserError
from qa_audit.services import changelog, rubrics
from qa_audit.services.actor import Actor, os_account
from qa_audit.services.panel_access import acting_as
from qa_audit.services.plan_lookup import stored_plan_ref
from qa_audit.services.sessions import ensure_writable, find_session
from qa_audit.services.store import seals
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database


class ConflictError(UserError):
    """Someone else saved the same agreed answer since this screen loaded it."""

    def __init__(
        self,
        message: str,
        *,
        changed_by: str | None,
        changed_at: dt.datetime | None,
        their_value: object,
        current_version: int,
    ) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.their_value = their_value
        self.current_version = current_version


def bump_version(row: m.Audit) -> None:
    """Make this save bump the row's version even when only its children changed or the
    same moderator saves twice: otherwise the next stale save would pass the version check
    (a lost update; found by the R2 reliability test)."""
    flag_modified(row, "updated_by")


class NotAllowed(UserError):
    """The member's role does not allow this (e.g. recording agreed scores)."""


@dataclass(frozen=True)
class Context:
    """A session, plan (and advice request) and member resolved once per unit of work."""

    session: m.AuditSession
    plan: m.Plan
    rubric: Rubric
    member: m.PanelMember | None
    actor: Actor
    advice_request_id: int | None = None  # the return audited (``advice_return`` rubrics)

    def same_item(self) -> ColumnElement[bool]:
        """The audit rows of this item: the plan as a whole, or this one return."""
        request = m.Audit.advice_request_id
        return (m.Audit.session_id == self.session.id) & (m.Audit.plan_id == self.plan.id) & (
            request.is_(None) if self.advice_request_id is None
            else request == self.advice_request_id)

    def log_key(self) -> str:
        """The item in change-log keys (the plan ref; ``#request id`` for a return)."""
        return ItemKey(self.plan.plan_ref, self.advice_request_id).log_key

    def refuse_whole_plan(self) -> None:
        """An ``advice_return`` rubric judges one return: a new audit must name it."""
        if self.advice_request_id is None and self.rubric.unit == "advice_return":
            raise UserError(f"{self.session.name!r} audits advice returns: choose which "
                            f"advice request of {self.plan.plan_ref} this audit judges.")


def _context(s: Session, session_name: str, plan_ref: str | ItemKey,
             member_name: str | None) -> Context:
    """``plan_ref``: a plan reference (the plan as a whole) or an :class:`ItemKey`."""
    item = as_item(plan_ref)
    row = find_session(s, session_name)
    stored = stored_plan_ref(s, item.plan_ref)  # any case finds the plan
    plan = s.scalar(select(m.Plan).where(m.Plan.plan_ref == stored)) if stored else None
    if plan is None:
        raise NotFound(f"No plan {item.plan_ref!r} in the register.")
    if item.advice_request_id is not None and s.scalar(
            select(m.AdviceRequest.plan_id).where(
                m.AdviceRequest.id == item.advice_request_id)) != plan.id:
        raise NotFound(f"No advice request {item.advice_request_id} of plan {plan.plan_ref}.")
    member = None
    if member_name is not None:
        member = next((p for p in row.members if p.name == member_name), None)
        if member is None:
            raise NotFound(f"{member_name} is not on the panel of {row.name!r}.")
    # a member bound to another OS account: refused here, unless a chair-approved proxy
    actor = acting_as(s, member) if member is not None else Actor.current()
    seals.acting(s, actor)
    return Context(row, plan, rubrics.by_version_pk(s, row.rubric_version_id).rubric, member,
                   actor, item.advice_request_id)


def plan_facts(plan: m.Plan) -> dict[str, object]:
    return with_custom({
        "year_group": plan.year_group,
        "plan_type": plan.plan_type,
        "phase": plan.phase,
        "primary_need": plan.primary_need,
        "setting_type": plan.setting_type,
        "direct_payments": plan.direct_payments,
    }, plan.custom_fields)


def _own_audit(s: Session, ctx: Context, create: bool = True) -> m.Audit | None:
    assert ctx.member is not None
    audit = s.scalar(
        select(m.Audit).where(ctx.same_item(), m.Audit.auditor == ctx.member.name)
    )
    if audit is None and create:
        if ctx.member.role == "observer":
            raise NotAllowed(f"{ctx.member.name} is an observer and does not score plans.")
        ctx.refuse_whole_plan()
        audit = m.Audit(
            session_id=ctx.session.id,
            plan_id=ctx.plan.id,
            advice_request_id=ctx.advice_request_id,
            member_id=ctx.member.id,
            auditor=ctx.member.name,
            agency=ctx.member.agency,
            audit_date=dt.date.today(),
            status="draft",
            updated_by=ctx.member.name,
        )
        s.add(audit)
        s.flush()
        if ctx.session.status == "planning":
            ctx.session.status = "scoring"
    return audit


def _check_answer(ctx: Context, question_id: str, value: str | None) -> str | None:
    return _normalise(ctx.rubric, ctx.plan.plan_ref, lambda: plan_facts(ctx.plan),
                      question_id, value)


def _normalise(
    rubric: Rubric,
    plan_ref: str,
    facts: Callable[[], dict[str, object]],
    question_id: str,
    value: str | None,
) -> str | None:
    """The stored form of ``value`` (None = blank); raises when it is not an answer.

    ``facts`` is only called for a non-blank value (the ORM and the autosave fast
    path read them differently)."""
    if not rubric.has_question(question_id):
        raise UserError(f"Question {question_id!r} is not in rubric {rubric.id}.")
    q = rubric.question(question_id)
    if value is None or not str(value).strip():
        return None
    if not q.applies_to(facts()):
        raise UserError(f"Question {question_id} does not apply to plan {plan_ref}.")
    normal = q.normalise_answer(str(value))
    if normal is None:
        raise UserError(
            f"{value!r} is not an answer to {question_id} "
            f"(choose from {', '.join(q.valid_answers())})."
        )
    return normal


def _set_answer(
    s: Session,
    audit: m.Audit,
    ctx: Context,
    question_id: str,
    value: str | None,
    note: str | None,
    agencies: Sequence[str],
    rationale: str | None = None,
    client_id: str | None = None,
    reason: str | None = None,
) -> m.Answer | None:
    normal = _check_answer(ctx, question_id, value)
    q = ctx.rubric.question(question_id)
    wanted = list(dict.fromkeys(a for a in agencies if a))
    if wanted and normal is not None and not q.is_shortfall(normal):
        wanted = []  # attribution only makes sense on a shortfall
    unknown = [a for a in wanted if all(x.id != a for x in ctx.rubric.agencies)]
    if unknown:
        raise UserError(f"Unknown agency {unknown[0]!r}.")
    reason = _check_reason(q, normal, reason)
    answer = s.scalar(
        select(m.Answer).where(m.Answer.audit_id == audit.id, m.Answer.question_id == question_id)
    )
    if answer is not None and client_id and answer.client_id == client_id:
        return answer  # a retry of a save that already landed
    if normal is None and not note:
        if answer is not None:
            s.delete(answer)
        return None
    if answer is None:
        answer = m.Answer(audit_id=audit.id, question_id=question_id)
        s.add(answer)
    answer.value, answer.note, answer.client_id = normal, note or None, client_id
    if rationale is not None:
        answer.rationale = rationale or None
    answer.reason = reason
    m.set_attributions(answer, wanted)
    return answer


def _check_reason(q: Question, answer: str | None, reason: str | None) -> str | None:
    """The reason code as the rubric spells it, None when it does not fit the answer
    (the answer changed under it); UserError for a code the question does not offer."""
    if not reason:
        return None
    known = q.reason(reason)
    if known is None:
        raise UserError(f"{reason!r} is not a reason offered by question {q.id}.")
    return known.code if answer is not None and known in q.reasons_for(answer) else None


# ------------------------------------------------------------------ autosave fast path

_S, _P, _PM = m.AuditSession.__table__, m.Plan.__table__, m.PanelMember.__table__
_RV, _AU = m.RubricVersion.__table__, m.Audit.__table__
_AN, _SA = m.Answer.__table__, m.ShortfallAttribution.__table__
_CL, _TT = m.ChangeLog.__table__, m.ThemeTag.__table__
_FACTS = ("year_group", "plan_type", "phase", "primary_need", "setting_type", "direct_payments")

# Everything one autosave reads, in one statement: the inner joins find the session,
# plan, member, rubric version and the member's own audit (no row: the ORM path
# reports what is missing or creates the audit); the answer and its attribution
# are optional. Read inside the write transaction, so the states checked are current.
_SAVE_LOOKUP = (
    select(
        _S.c.status.label("session_status"),
        _S.c.rubric_version_id,
        _RV.c.content_hash,
        *(_P.c[name] for name in _FACTS),
        _P.c.custom_fields,
        _AU.c.id.label("audit_id"),
        _AU.c.status.label("audit_status"),
        _AU.c.updated_by,
        _AN.c.id.label("answer_id"),
        _AN.c.value,
        _AN.c.note,
        _AN.c.client_id,
        _AN.c.rationale,
        _AN.c.reason,
        _SA.c.id.label("attribution_id"),
        _PM.c.os_account,
        # the change log's head, for the seal this save appends (read under the write lock)
        select(_CL.c.hash).order_by(_CL.c.id.desc()).limit(1).scalar_subquery()
        .label("chain_head"),
    )
    .select_from(_S)
    .join(_PM, (_PM.c.session_id == _S.c.id) & (_PM.c.name == bindparam("member")))
    .join(_P, _P.c.plan_ref == bindparam("plan_ref"))
    .join(_RV, _RV.c.id == _S.c.rubric_version_id)
    .join(_AU, (_AU.c.session_id == _S.c.id) & (_AU.c.plan_id == _P.c.id)
          & (_AU.c.auditor == bindparam("member"))
          # the plan as a whole (request 0) or one advice return
          & (func.coalesce(_AU.c.advice_request_id, 0) == bindparam("request")))
    .outerjoin(_AN, (_AN.c.audit_id == _AU.c.id) & (_AN.c.question_id == bindparam("question")))
    .outerjoin(_SA, _SA.c.answer_id == _AN.c.id)
    .where(_S.c.name == bindparam("session"))
)

# the fast path's writes, built once: the parameters of each save are bound at execution
# (building the statement per save cost more Python than the rest of the save)
_INSERT_ANSWER = insert(_AN)
_UPDATE_ANSWER = update(_AN).where(_AN.c.id == bindparam("answer_pk"))
_DELETE_ANSWER = delete(_AN).where(_AN.c.id == bindparam("answer_pk"))


def _fast_save_answer(
    s: Session,
    session_name: str,
    item: ItemKey,
    member: str,
    question_id: str,
    value: str | None,
    note: str | None,
    agencies: Sequence[str],
    client_id: str | None,
    reason: str | None,
) -> bool:
    """The usual autosave through Core statements; False = take the ORM path instead.

    Declines (before writing anything) every case where the ORM path does more
    than set one answer row: a missing session/plan/member/audit, a closed
    session or submitted audit (the ORM path raises the error), an agency or an
    existing attribution, a reason (checked against the rubric there), and an audit
    last updated by someone else (the ORM path bumps its version). Otherwise it
    writes exactly the rows the ORM would (a reason no longer given is cleared).
    """
    if any(agencies) or reason:
        return False
    conn = s.connection()
    plan_ref = item.plan_ref
    row = conn.execute(_SAVE_LOOKUP, {"session": session_name, "plan_ref": plan_ref,
                                      "request": item.advice_request_id or 0,
                                      "member": member, "question": question_id}).first()
    if (row is None or row.session_status == "closed" or row.audit_status == "submitted"
            or row.attribution_id is not None or row.updated_by != member
            or (row.os_account is not None and row.os_account != os_account())):
        return False  # (a member bound to another account: the ORM path checks proxies)
    # the hash is read with the session, so a session moved to another version is
    # seen at once; a stored version never changes, so it is parsed once
    rubric = rubrics.parsed(s, row.rubric_version_id, row.content_hash)
    normal = _normalise(rubric, plan_ref,
                        lambda: with_custom({k: row._mapping[k] for k in _FACTS},
                                            row.custom_fields),
                        question_id, value)
    if row.answer_id is not None and client_id and row.client_id == client_id:
        return True  # a retry of a save that already landed
    note = note or None
    seals.acting(s, Actor.current().acting_as(member))
    changelog.remember_head(s, row.chain_head)
    if normal is None and note is None:
        if row.answer_id is not None:
            conn.execute(_DELETE_ANSWER, {"answer_pk": row.answer_id})
            seals.touch(s, "answer", row.answer_id, deleted=True)
        return True
    values = {"audit_id": row.audit_id, "question_id": question_id, "value": normal,
              "note": note, "client_id": client_id}
    if row.answer_id is None:
        key = conn.execute(_INSERT_ANSWER, values).inserted_primary_key
        assert key is not None  # a one-row INSERT always reports its key
        answer_id = key[0]
        rest = {"rationale": None, "reason": None}
    elif (row.value, row.note, row.client_id, row.reason) != (normal, note, client_id, None):
        conn.execute(_UPDATE_ANSWER, {"answer_pk": row.answer_id, "value": normal, "note": note,
                                      "client_id": client_id, "reason": None})
        answer_id, rest = row.answer_id, {"rationale": row.rationale, "reason": None}
    else:
        return True
    seals.touch(s, "answer", answer_id, {"id": answer_id, **values, **rest})
    return True


def save_answer(
    db: Database,
    session_name: str,
    plan_ref: str | ItemKey,
    member: str,
    question_id: str,
    value: str | None,
    *,
    note: str | None = None,
    agencies: Sequence[str] = (),
    client_id: str | None = None,
    reason: str | None = None,
) -> None:
    """Autosave one of a member's answers (blank value + no note clears it): the whole
    answer (value, note, the agencies a shortfall is attributed to, reason code).

    The usual save (the member's audit exists and is a draft, no attribution
    involved) is one joined SELECT and one write (``_fast_save_answer``);
    anything else goes through the ORM path below, in the same transaction."""
    with db.write() as s:
        if _fast_save_answer(s, session_name, as_item(plan_ref), member, question_id, value,
                             note, agencies, client_id, reason):
            return
        ctx = _context(s, session_name, plan_ref, member)
        ensure_writable(ctx.session)
        audit = _own_audit(s, ctx)
        assert audit is not None
        if audit.status == "submitted":
            raise UserError("This audit is submitted; reopen it to change answers.")
        _set_answer(s, audit, ctx, question_id, value, note, agencies, client_id=client_id,
                    reason=reason)
        audit.updated_by = member


def save_overall(
    db: Database, session_name: str, plan_ref: str | ItemKey, member: str, grade: int | None
) -> None:
    with db.write() as s:
        ctx = _context(s, session_name, plan_ref, member)
        ensure_writable(ctx.session)
        audit = _own_audit(s, ctx)
        assert audit is not None
        if audit.status == "submitted":
            raise UserError("This audit is submitted; reopen it to change the grade.")
        _check_grade(ctx.rubric, grade)
        audit.overall = grade


def _check_grade(rubric: Rubric, grade: int | None) -> None:
    if grade is not None and not rubric.overall.min <= grade <= rubric.overall.max:
        raise UserError(f"The overall grade must be {rubric.overall.min}-{rubric.overall.max}.")


def save_texts(
    db: Database,
    session_name: str,
    plan_ref: str | ItemKey,
    member: str,
    *,
    strengths: str | None = None,
    development: str | None = None,
) -> None:
    with db.write() as s:
        ctx = _context(s, session_name, plan_ref, member)
        ensure_writable(ctx.session)
        audit = _own_audit(s, ctx)
        assert audit is not None
        if audit.status == "submitted":
            raise UserError("This audit is submitted; reopen it to change it.")
        if strengths is not None:
            audit.strengths = strengths or None
        if development is not None:
            audit.development = development or None


def set_themes(
    db: Database, session_name: str, plan_ref: str | ItemKey, member: str,
    themes: dict[str, str | None]
) -> None:
    """Replace the member's theme tags: theme id -> question id it came from (or None)."""
    with db.write() as s:
        ctx = _context(s, session_name, plan_ref, member)
        ensure_writable(ctx.session)
        audit = _own_audit(s, ctx)
        assert audit is not None
        if audit.status == "submitted":
            raise UserError("This audit is submitted; reopen it to change it.")
        _replace_themes(ctx, audit, themes)


def _replace_themes(ctx: Context, audit: m.Audit, themes: dict[str, str | None]) -> None:
    known = {t.id for t in ctx.rubric.themes}
    unknown = sorted(set(themes) - known)
    if unknown:
        raise UserError(f"Unknown theme(s): {', '.join(unknown)}.")
    notes = {a.question_id: a.note for a in audit.answers}
    current = {t.theme_id: t for t in audit.themes}
    for theme_id in list(current):
        if theme_id not in themes:
            audit.themes.remove(current[theme_id])
    for theme_id, qid in themes.items():
        if theme_id not in current:
            audit.themes.append(
                m.ThemeTag(
                    theme_id=theme_id, question_id=qid, excerpt=notes.get(qid) if qid else None
                )
            )


# ------------------------------------------------------------------ visibility


def can_see_others(s: Session, ctx: Context) -> bool:
    """Blind scoring, by the one rule in ``domain.permissions.can_see_scores``."""
    if ctx.member is None:
        return False
    own = _own_audit(s, ctx, create=False)
    return _can_see(ctx, own is not None and own.status == "submitted")


def _can_see(ctx: Context, own_submitted: bool) -> bool:
    assert ctx.member is not None
    return permissions.can_see_scores(ctx.session.status, ctx.member.role, own_submitted)


_VISIBLE_AUDIT = (_AU.c.id, _AU.c.auditor, _AU.c.is_panel, _AU.c.advice_request_id,
                  _AU.c.agency, _AU.c.overall, _AU.c.status, _AU.c.strengths,
                  _AU.c.development)


def visible_audits(
    db: Database, session_name: str, plan_ref: str | ItemKey, member: str
) -> list[AuditRecord]:
    """The member's own audit plus, once unblinded, everyone else's and the panel's.

    Read as plain rows in three statements (the item's audits, then the answers with
    their attributions and the themes of those shown), in the order the ORM's loads
    gave: the screen reads this on every plan it shows, and ORM instances of ~130
    answers cost more than the reading."""
    with db.read() as s:
        ctx = _context(s, session_name, plan_ref, member)
        core = s.connection()
        audits = core.execute(select(*_VISIBLE_AUDIT).where(ctx.same_item())
                              .order_by(_AU.c.is_panel, _AU.c.auditor)).all()
        own = next((a for a in audits if a.auditor == member), None)
        if not _can_see(ctx, own is not None and own.status == "submitted"):
            audits = [a for a in audits if a.auditor == member]
        ids = [a.id for a in audits]
        if not ids:
            return []
        answers: dict[int, list[Any]] = {i: [] for i in ids}
        for row in core.execute(
                select(_AN.c.audit_id, _AN.c.id, _AN.c.question_id, _AN.c.value, _AN.c.note,
                       _AN.c.reason, _SA.c.agency)
                .outerjoin(_SA, _SA.c.answer_id == _AN.c.id)
                .where(_AN.c.audit_id.in_(ids))
                .order_by(_AN.c.audit_id, _AN.c.question_id, _SA.c.id)):
            answers[row.audit_id].append(row)
        themes: dict[int, list[ThemeRecord]] = {i: [] for i in ids}
        for t in core.execute(select(_TT.c.audit_id, _TT.c.theme_id, _TT.c.question_id)
                              .where(_TT.c.audit_id.in_(ids))
                              .order_by(_TT.c.audit_id, _TT.c.theme_id)):
            themes[t.audit_id].append(ThemeRecord(t.theme_id, t.question_id))
        return [_audit_record(a, answers[a.id], themes[a.id], session_name, ctx.plan.plan_ref)
                for a in audits]


def _audit_record(a: Any, rows: list[Any], themes: list[ThemeRecord], session_name: str,
                  plan_ref: str) -> AuditRecord:
    """An audit row with its answer rows (one per attribution) as the domain record."""
    attributed: dict[str, list[str]] = {}
    for x in rows:
        if x.agency is not None:
            attributed.setdefault(x.question_id, []).append(x.agency)
    return AuditRecord(
        session=session_name, plan_ref=plan_ref, auditor=a.auditor, is_panel=a.is_panel,
        advice_request_id=a.advice_request_id,
        agency=a.agency, overall=a.overall, status=a.status,
        answers={x.question_id: x.value for x in rows if x.value},
        notes={x.question_id: x.note for x in rows if x.note},
        attributions={q: tuple(agencies) for q, agencies in attributed.items()},
        reasons={x.question_id: x.reason for x in rows if x.reason},
        themes=tuple(themes), strengths=a.strengths, development=a.development,
    )
