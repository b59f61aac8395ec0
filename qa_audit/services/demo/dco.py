"""The demo's DCO deep dive: a session of health advice returns, audited and moderated.

Added by :func:`qa_audit.services.demo.load_demo` after the multi-agency panels, with
its own random stream (the panels' data does not change with it). The Designated
Clinical Officer and a therapies lead audit about 20 returns drawn by service from
the last seven months of requests; the panel agrees all but two. Services differ the
way the seeds describe: CAMHS and SaLT advice is weaker, and now and then a service
returns "not known" without assessing (Medway's rule).
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from qa_audit.domain.rubric import NA, Question, Rubric
from qa_audit.services import rubrics
from qa_audit.services.actor import Actor
from qa_audit.services.sampling import months_before
from qa_audit.services.sampling_returns import ReturnSampleSettings, draw_returns
from qa_audit.services.sessions import add_member, create_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["DCO_RUBRIC", "add_dco_session", "pick_answer"]

DCO_RUBRIC = "dco-health-advice"
MEMBERS = (("R. Hughes (DCO)", "chair"), ("T. Evans (therapies)", "auditor"))
#: the hidden quality of each service's advice (0-1): what the audits find, roughly
SERVICE_QUALITY = {"paediatrics": 0.72, "salt": 0.55, "ot": 0.7, "physio": 0.78,
                   "camhs": 0.45, "health_visiting": 0.66, "school_nursing": 0.5,
                   "other_health": 0.6}
NOTES = {
    "needs_affecting_education": "Diagnosis listed; no account of its effect in class.",
    "outcomes_smart": "Outcome describes therapy sessions, not the difference for the child.",
    "provision_specificity": "\"Would benefit from regular input\" - no frequency or who.",
    "not_known_handled": "Returned as \"not known to the service\"; no assessment offered.",
    "advice_current": "Report from an assessment 18 months ago, re-sent unchanged.",
}


def pick_answer(q: Question, p: float, rng: random.Random) -> str:
    """An answer that is good with probability about ``p`` (the demo's scorers)."""
    if q.type == "scale":
        assert q.min is not None
        assert q.max is not None
        span = q.max - q.min
        return str(q.min + max(0, min(span, round(p * span + rng.gauss(0, 0.5)))))
    good = [o.code for o in q.options if not o.shortfall]
    bad = [o.code for o in q.options if o.shortfall]
    if rng.random() < p or not bad:
        return good[0]
    return bad[0] if rng.random() < 0.65 or len(bad) == 1 else bad[-1]


def _grade(rubric: Rubric, quality: float, rng: random.Random) -> int:
    lo, hi = rubric.overall.min, rubric.overall.max
    return max(lo, min(hi, round(lo + quality * (hi - lo) + rng.gauss(0, 0.5))))


def _answers(rubric: Rubric, quality: float, not_known: bool,
             rng: random.Random) -> dict[str, str]:
    out = {}
    for q in rubric.questions():
        if q.has_tag("not_known"):
            out[q.id] = "NK" if not_known else (NA if rng.random() < 0.8 else "Y")
        else:
            p = min(0.97, max(0.03, (0.1 if not_known else quality) + rng.gauss(0, 0.12)))
            out[q.id] = pick_answer(q, p, rng)
    return out


def _audit(rubric: Rubric, row: m.AuditSession, request: m.AdviceRequest, auditor: str,
           member_id: int | None, grade: int, answers: dict[str, str],
           rng: random.Random) -> m.Audit:
    panel = auditor == "panel"
    audit = m.Audit(session_id=row.id, plan_id=request.plan_id, advice_request_id=request.id,
                    member_id=member_id, auditor=auditor, is_panel=panel,
                    agency=None if panel else "other_health", audit_date=row.session_date,
                    overall=grade, status="submitted", submitted_at=m.utcnow(),
                    updated_by=auditor)
    for qid, value in answers.items():
        q = rubric.question(qid)
        answer = m.Answer(question_id=qid, value=value)
        if value != NA and q.is_shortfall(value):
            answer.note = NOTES.get(qid) if rng.random() < 0.6 else None
            owner = "sen_casework" if qid == "advice_in_plan" else request.service
            m.set_attributions(answer, [owner])
            if q.suggested_themes and rng.random() < 0.7:
                audit.themes.append(m.ThemeTag(theme_id=q.suggested_themes[0],
                                               question_id=qid, excerpt=answer.note))
        audit.answers.append(answer)
    if rubric.is_good(grade):
        audit.strengths = "Specific, current advice that the caseworker could use as written."
    else:
        audit.development = "Quantify the provision and say how needs affect learning."
    return audit


def add_dco_session(db: Database, actor: Actor, seed: int, today: dt.date) -> tuple[int, int]:
    """The DCO's session of last month (the 10th): returns (sessions added, audits added)."""
    rng = random.Random(seed * 7919 + 17)
    with db.read() as s:
        stored = rubrics.get_version(s, DCO_RUBRIC)
    rubric = stored.rubric
    date = months_before(today.replace(day=1), 1).replace(day=10)
    name = f"DCO deep dive {date:%B %Y}"
    create_session(db, name, DCO_RUBRIC, date, actor)
    for who, role in MEMBERS:
        add_member(db, name, who, "other_health", role, actor)
    drawn = draw_returns(db, name, ReturnSampleSettings(
        size=21, seed=seed, stratify="service", requested_from=months_before(date, 7),
        requested_to=date, exclude_months=12), actor)
    audits = 0
    with db.write() as s:
        row = s.scalar(select(m.AuditSession).where(m.AuditSession.name == name))
        assert row is not None
        members = {p.name: p.id for p in row.members}
        requests = {e.advice_request_id: e for e in row.sample}
        by_id = {r.id: r for r in s.scalars(
            select(m.AdviceRequest).where(m.AdviceRequest.id.in_(list(requests))))}
        for n, entry in enumerate(sorted(requests.values(), key=lambda e: e.position)):
            request = by_id[entry.advice_request_id]  # type: ignore[index]
            quality = SERVICE_QUALITY.get(request.service, 0.6) + rng.gauss(0, 0.15)
            not_known = rng.random() < (0.2 if request.service in ("camhs", "school_nursing")
                                        else 0.04)
            votes = []
            for who, _role in MEMBERS:
                answers = _answers(rubric, quality, not_known, rng)
                grade = 1 if not_known else _grade(rubric, quality + rng.gauss(0, 0.1), rng)
                s.add(_audit(rubric, row, request, who, members[who], grade, answers, rng))
                votes.append(answers)
                audits += 1
            if n >= len(requests) - 2:
                continue  # the last two returns are still to be moderated
            agreed = {qid: max(sorted({v[qid] for v in votes}), key=[v[qid] for v in votes].count)
                      for qid in votes[0]}
            grade = 1 if not_known else _grade(rubric, quality, rng)
            s.add(_audit(rubric, row, request, "panel", None, grade, agreed, rng))
            audits += 1
        row.status = "moderation"
    return (1 if drawn.returns else 0), audits
