"""Advice returns as the DCO audits them: one health service's advice for one request.

An audit on a rubric whose ``unit`` is ``advice_return`` names the advice request it
judges. These records carry the panel's agreed (moderated) audit of a return, so the
health report can say how good each service's advice is (CONTRACT.md, health deep
dive: ``audited``, ``good``, ``percent_good``).

Rules kept here once:

* a request counts as audited when some session on an ``advice_return`` rubric holds
  an agreed overall grade for it, whatever the session's date;
* when several sessions agreed a grade for the same request, the latest session's
  (by session date, then name) is the one that counts;
* a return is "not known" when its agreed answer to a question tagged ``not_known``
  is a shortfall (Medway: services may not return "not known" without assessing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from qa_audit.domain.plan_ref import plan_ref_key
from qa_audit.domain.rubric import NA, Rubric

__all__ = ["NOT_KNOWN_TAG", "SIX_WEEKS_DAYS", "AgreedReturn", "JudgedReturn", "RequestKey",
           "days_taken", "judge_returns", "request_key"]

#: the tag of the question whose shortfall answer means the service returned "not known"
NOT_KNOWN_TAG = "not_known"
#: advice is due within 6 weeks of the request (SEND Regulations 2014, reg. 8)
SIX_WEEKS_DAYS = 42

#: (plan_ref folded as plan references compare, service, requested date)
RequestKey = tuple[str, str, dt.date]


def request_key(plan_ref: str, service: str, requested: dt.date) -> RequestKey:
    return (plan_ref_key(plan_ref), service, requested)


def days_taken(requested: dt.date, received: dt.date | None) -> int | None:
    """Days from request to return (None while outstanding)."""
    return None if received is None else (received - requested).days


@dataclass(frozen=True)
class AgreedReturn:
    """The panel's agreed audit of one advice return, in one session."""

    plan_ref: str
    service: str
    requested_date: dt.date
    session: str
    session_date: dt.date
    rubric_id: str
    rubric_version: int
    overall: int
    answers: Mapping[str, str] = field(default_factory=dict, hash=False)

    @property
    def key(self) -> RequestKey:
        return request_key(self.plan_ref, self.service, self.requested_date)


@dataclass(frozen=True)
class JudgedReturn:
    """What the health report reads of one audited request."""

    grade: int
    good: bool
    not_known: bool
    session: str


def _not_known(rubric: Rubric, answers: Mapping[str, str]) -> bool:
    for q in rubric.questions_tagged(NOT_KNOWN_TAG):
        raw = answers.get(q.id)
        code = q.normalise_answer(raw) if raw else None
        if code not in (None, NA) and q.is_shortfall(code):
            return True
    return False


def judge_returns(agreed: Iterable[AgreedReturn],
                  rubrics: Mapping[tuple[str, int], Rubric]) -> dict[RequestKey, JudgedReturn]:
    """Each audited request's agreed judgement: the latest session's (module rules)."""
    latest: dict[RequestKey, AgreedReturn] = {}
    for a in agreed:
        if rubrics[(a.rubric_id, a.rubric_version)].unit != "advice_return":
            continue  # only a session on an advice_return rubric judges a return
        held = latest.get(a.key)
        if held is None or (a.session_date, a.session) > (held.session_date, held.session):
            latest[a.key] = a
    out = {}
    for key, a in latest.items():
        rubric = rubrics[(a.rubric_id, a.rubric_version)]
        out[key] = JudgedReturn(a.overall, rubric.is_good(a.overall),
                                _not_known(rubric, a.answers), a.session)
    return out
