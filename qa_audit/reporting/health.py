"""Health deep dive for the Designated Clinical Officer.

Contract (CONTRACT.md, "Report figures"): advice **requested** within the period
(first day of ``from`` to last day of ``to``), one entry per service with any
request, sorted by service id; ``returned`` counts returns to date (even after the
period); ``within_6_weeks`` = returned no later than 42 days after the request;
``percent_within_6_weeks`` = within_6_weeks / requested (so an outstanding request
counts against the service).

Beyond the contract:

* per service: outstanding requests already past 6 weeks on the day the report is
  produced (``overdue``), median days to return, and a month-by-month table
  (month of request) of % within 6 weeks, like a council performance table; plus a
  total over the health services.
* quality of health content in audited plans: the panel's agreed answers to the
  questions tagged ``health`` in the rubrics of sessions dated within the period
  (shortfall % = shortfalls / answers other than NA, as in the key issues report).
* shortfalls attributed to health agencies: agreed shortfall answers attributed to
  an agency whose id is ``health``, starts with ``health`` or is a health service
  (paediatrics, salt, ot, physio, camhs, health_visiting, school_nursing,
  other_health), and their share of all attributed agreed shortfall answers (an
  answer attributed to two agencies counts once for each, so shares may add up to
  more than 100 and the health total counts such an answer once per health agency).
* the quality of each service's advice returns (issue 17): ``audited``, ``good`` and
  ``percent_good`` per the contract, with the Wilson interval, and ``not_known``
  (audited returns whose agreed answer says the service returned "not known"); rules
  in :mod:`qa_audit.domain.advice_returns`. Per service and month of request too.
* ``exceptions``: requests not returned within 6 weeks (returned late, or still
  outstanding), listed one by one for the DCO to chase; counted per service and month.
* the target in force for % within 6 weeks: the ``timeliness`` schedule of the
  advice-return rubric (services.advice_returns.timeliness_rubric), on each month's
  last day; the headline target on the last day of the period.
* the multi-agency comparison (quality of health content, attribution, themes) reads
  sessions on plan rubrics only: advice-return audits are the deep dive itself.
* health themes: distinct plans where a theme was recorded against a
  health-tagged question, or recorded without a question on an audit that
  answered a health-tagged question suggesting that theme as a shortfall; with up
  to 3 approved, redacted excerpts each.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qa_audit.domain.advice_returns import (
    SIX_WEEKS_DAYS,
    AgreedReturn,
    JudgedReturn,
    RequestKey,
    judge_returns,
    request_key,
)
from qa_audit.domain.audit import AdviceRecord, AuditRecord, SessionData
from qa_audit.domain.figures import percent, wilson_interval
from qa_audit.domain.rubric import NA, Question, Rubric
from qa_audit.domain.targets import TargetSchedule
from qa_audit.reporting.key_issues import (
    SHARES_NOTE,
    AgencyFigure,
    QuestionFigure,
    ThemeFigure,
    approved_excerpts,
    theme_label,
)
from qa_audit.reporting.trend import (
    agreed_tally,
    attributed_answer_count,
    attributed_shortfalls,
    month_bounds,
    month_end,
    month_key,
    months_between,
    sessions_in,
    tallied_question_figures,
)

__all__ = [
    "HEALTH_SERVICES",
    "SERVICE_LABELS",
    "AdviceException",
    "HealthFigures",
    "MonthTimeliness",
    "ServiceFigure",
    "health",
    "is_health_agency",
]

_NO_TARGET = TargetSchedule()
SERVICE_LABELS = {
    "education": "Education",
    "ep": "Educational psychology",
    "paediatrics": "Paediatrics",
    "salt": "Speech and language therapy",
    "ot": "Occupational therapy",
    "physio": "Physiotherapy",
    "camhs": "CAMHS",
    "health_visiting": "Health visiting",
    "school_nursing": "School nursing",
    "social_care": "Social care",
    "other_health": "Other health",
}
HEALTH_SERVICES = frozenset({"paediatrics", "salt", "ot", "physio", "camhs", "health_visiting",
                             "school_nursing", "other_health"})


def is_health_agency(agency_id: str) -> bool:
    return agency_id in HEALTH_SERVICES or agency_id.startswith("health")


def _within(record: AdviceRecord) -> bool:
    return (record.received_date is not None
            and (record.received_date - record.requested_date).days <= SIX_WEEKS_DAYS)


@dataclass(frozen=True)
class Quality:
    """Agreed quality of a set of advice requests (module docstring)."""

    audited: int = 0
    good: int = 0
    not_known: int = 0

    @property
    def percent_good(self) -> float | None:
        return percent(self.good, self.audited)

    @property
    def interval(self) -> tuple[float | None, float | None]:
        return wilson_interval(self.good, self.audited)

    def to_json(self) -> dict[str, Any]:
        low, high = self.interval
        return {"audited": self.audited, "good": self.good, "percent_good": self.percent_good,
                "ci_low": low, "ci_high": high, "not_known": self.not_known}


def _quality(records: Iterable[AdviceRecord], judged: Mapping[RequestKey, JudgedReturn]
             ) -> Quality:
    found = [j for r in records
             if (j := judged.get(request_key(r.plan_ref, r.service, r.requested_date)))]
    return Quality(len(found), sum(j.good for j in found), sum(j.not_known for j in found))


@dataclass(frozen=True)
class MonthTimeliness:
    requested: int
    within_6_weeks: int
    percent_within_6_weeks: float | None
    target_percent: float | None = None  # % within 6 weeks in force on the month's last day
    exceptions: int = 0  # not returned within 6 weeks (late or outstanding)
    quality: Quality = Quality()

    @property
    def met(self) -> bool | None:
        if self.target_percent is None or self.percent_within_6_weeks is None:
            return None
        return self.percent_within_6_weeks >= self.target_percent

    def to_json(self) -> dict[str, Any]:
        return {"requested": self.requested, "within_6_weeks": self.within_6_weeks,
                "percent_within_6_weeks": self.percent_within_6_weeks,
                "target_percent": self.target_percent, "exceptions": self.exceptions,
                **self.quality.to_json()}


@dataclass(frozen=True)
class AdviceException:
    """A request not returned within 6 weeks (plan refs are pseudonymous)."""

    plan_ref: str
    service: str
    requested_date: dt.date
    received_date: dt.date | None
    days: int  # to the return, or to the day produced while outstanding

    def to_json(self) -> dict[str, Any]:
        return {"plan_ref": self.plan_ref, "service": self.service,
                "requested_date": self.requested_date.isoformat(),
                "received_date": self.received_date.isoformat() if self.received_date else None,
                "days": self.days}


@dataclass(frozen=True)
class ServiceFigure:
    service: str
    label: str
    is_health: bool
    requested: int
    returned: int
    outstanding: int
    within_6_weeks: int
    percent_within_6_weeks: float | None
    overdue: int  # outstanding and more than 6 weeks old on the day produced
    median_days_to_return: float | None
    by_month: dict[str, MonthTimeliness]
    # quality of the advice returns themselves: agreed audits on an advice_return rubric
    quality: Quality = Quality()
    exceptions: int = 0
    # agreed shortfall answers attributed to this service in multi-agency (plan) audits
    multi_agency_shortfalls: int = 0

    @property
    def audited(self) -> int:
        return self.quality.audited

    @property
    def good(self) -> int:
        return self.quality.good

    def to_json(self) -> dict[str, Any]:
        return {"service": self.service, "requested": self.requested, "returned": self.returned,
                "outstanding": self.outstanding, "within_6_weeks": self.within_6_weeks,
                "percent_within_6_weeks": self.percent_within_6_weeks,
                **self.quality.to_json(), "exceptions": self.exceptions,
                "multi_agency_shortfalls": self.multi_agency_shortfalls,
                "label": self.label, "health": self.is_health, "overdue": self.overdue,
                "median_days_to_return": self.median_days_to_return,
                "by_month": {m: t.to_json() for m, t in self.by_month.items()}}


@dataclass(frozen=True)
class HealthFigures:
    from_month: str
    to_month: str
    produced_on: dt.date
    services: tuple[ServiceFigure, ...]
    health_total: ServiceFigure | None  # all health services together
    sessions: tuple[str, ...]
    plans_audited: int
    questions: tuple[QuestionFigure, ...]  # health-tagged, agreed answers
    health_answers: int
    health_shortfalls: int
    health_shortfall_percent: float | None
    agencies: tuple[AgencyFigure, ...]  # health agencies, share of ALL attributed shortfalls
    attributed_shortfalls: int
    health_attributed_shortfalls: int
    percent_attributed_to_health: float | None
    attribution_by_question: tuple[tuple[str, str, str, int], ...]  # (id, text, agency, n)
    themes: tuple[ThemeFigure, ...]
    quality_rubric: str | None = None  # the advice-return rubric giving the targets
    timeliness_targets: TargetSchedule = field(default_factory=TargetSchedule)
    exception_list: tuple[AdviceException, ...] = ()

    kind = "health"

    @property
    def target_percent_within_6_weeks(self) -> float | None:
        """The % within 6 weeks target in force on the period's last day."""
        return self.timeliness_targets.in_force(month_end(self.to_month))

    @property
    def title(self) -> str:
        return f"Health advice deep dive {self.from_month} to {self.to_month}"

    @property
    def months(self) -> list[str]:
        return months_between(self.from_month, self.to_month)

    def headline(self) -> str:
        t = self.health_total
        if t is None or t.requested == 0:
            return "No health advice was requested in this period."
        target = self.target_percent_within_6_weeks
        text = (f"{t.percent_within_6_weeks:.1f}% of health advice returned within 6 weeks "
                f"({t.within_6_weeks} of {t.requested} requests"
                f"{f'; target {target:g}%' if target is not None else ''}); "
                f"{t.outstanding} outstanding.")
        if t.audited:
            text += (f" {t.quality.percent_good:.1f}% of the {t.audited} health advice "
                     f"returns audited were good ({t.good}).")
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "services": [s.to_json() for s in self.services],
            "from": self.from_month, "to": self.to_month,
            "health_services_total": self.health_total.to_json() if self.health_total else None,
            "quality_rubric": self.quality_rubric,
            "target_percent_within_6_weeks": self.target_percent_within_6_weeks,
            "timeliness_targets": self.timeliness_targets.to_list(),
            "exceptions": [e.to_json() for e in self.exception_list],
            "audits": {
                "sessions": list(self.sessions), "plans_audited": self.plans_audited,
                "questions": [q.to_json() for q in self.questions],
                "health_answers": self.health_answers,
                "health_shortfalls": self.health_shortfalls,
                "health_shortfall_percent": self.health_shortfall_percent,
                "attributed_shortfalls": self.attributed_shortfalls,
                "health_attributed_shortfalls": self.health_attributed_shortfalls,
                "percent_attributed_to_health": self.percent_attributed_to_health,
                "agencies": [a.to_json() for a in self.agencies],
                "attribution_by_question": [
                    {"question": q, "agency": a, "shortfalls": n}
                    for q, _, a, n in self.attribution_by_question],
                "themes": [t.to_json() for t in self.themes],
            },
        }

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        rows = list(self.services) + ([self.health_total] if self.health_total else [])
        return {
            "Services": [{"service": s.service, "label": s.label, "health": s.is_health,
                          "requested": s.requested, "returned": s.returned,
                          "outstanding": s.outstanding, "overdue": s.overdue,
                          "within 6 weeks": s.within_6_weeks,
                          "% within 6 weeks": s.percent_within_6_weeks,
                          "median days to return": s.median_days_to_return,
                          "audited": s.audited, "good": s.good,
                          "% good": s.quality.percent_good,
                          "% good low (95%)": s.quality.interval[0],
                          "% good high (95%)": s.quality.interval[1],
                          "not known": s.quality.not_known, "exceptions": s.exceptions,
                          "multi-agency shortfalls": s.multi_agency_shortfalls}
                         for s in rows],
            "By service and month": [
                {"service": s.service, "month": m, "requested": t.requested,
                 "within 6 weeks": t.within_6_weeks, "% within 6 weeks": t.percent_within_6_weeks,
                 "target %": t.target_percent, "exceptions": t.exceptions,
                 "audited": t.quality.audited, "good": t.quality.good,
                 "% good": t.quality.percent_good, "% good low (95%)": t.quality.interval[0],
                 "% good high (95%)": t.quality.interval[1], "not known": t.quality.not_known}
                for s in rows for m, t in s.by_month.items()],
            "Exceptions": [{"plan_ref": e.plan_ref, "service": e.service,
                            "requested": e.requested_date.isoformat(),
                            "received": e.received_date.isoformat() if e.received_date else None,
                            "days": e.days} for e in self.exception_list],
            "% within 6 weeks by month": [
                {"service": s.label, **{m: s.by_month[m].percent_within_6_weeks
                                        for m in self.months}} for s in rows],
            "Requests by month": [
                {"service": s.label, **{m: s.by_month[m].requested for m in self.months}}
                for s in rows],
            "Health questions": [
                {"question": q.id, "text": q.text, **q.counts, "answered (not NA)": q.answered,
                 "shortfalls": q.shortfalls, "shortfall %": q.shortfall_percent}
                for q in self.questions],
            "Health attribution": [{"agency": a.agency, "label": a.label,
                                    "shortfalls": a.shortfalls,
                                    "% of all attributed shortfalls": a.percent_of_shortfalls,
                                    "note": SHARES_NOTE if i == 0 else None}
                                   for i, a in enumerate(self.agencies)],
            "Health themes": [{"theme": t.id, "label": t.label, "plans": t.plans,
                               "approved excerpts": "\n".join(e.text for e in t.excerpts)}
                              for t in self.themes],
        }


def _service_figure(service: str, records: Sequence[AdviceRecord], months: list[str],
                    today: dt.date, label: str | None = None,
                    is_health: bool | None = None, *,
                    judged: Mapping[RequestKey, JudgedReturn] | None = None,
                    targets: TargetSchedule = _NO_TARGET,
                    attributed: int = 0) -> ServiceFigure:
    judged = judged or {}
    returned = [r for r in records if r.received_date is not None]
    within = sum(1 for r in records if _within(r))
    overdue = sum(1 for r in records if r.received_date is None
                  and (today - r.requested_date).days > SIX_WEEKS_DAYS)
    days = [(r.received_date - r.requested_date).days for r in returned if r.received_date]
    in_month: dict[str, list[AdviceRecord]] = {}
    for r in records:
        in_month.setdefault(month_key(r.requested_date), []).append(r)
    by_month = {}
    for m in months:
        got = in_month.get(m, [])
        ok = sum(1 for r in got if _within(r))
        by_month[m] = MonthTimeliness(len(got), ok, percent(ok, len(got)),
                                      targets.in_force(month_end(m)), len(got) - ok,
                                      _quality(got, judged))
    return ServiceFigure(
        service=service, label=label or SERVICE_LABELS.get(service, service),
        is_health=is_health_agency(service) if is_health is None else is_health,
        requested=len(records), returned=len(returned), outstanding=len(records) - len(returned),
        within_6_weeks=within, percent_within_6_weeks=percent(within, len(records)),
        overdue=overdue, median_days_to_return=float(statistics.median(days)) if days else None,
        by_month=by_month, quality=_quality(records, judged),
        exceptions=len(records) - within, multi_agency_shortfalls=attributed,
    )


def _health_theme_refs(audit: AuditRecord, health_qs: Mapping[str, Question]) -> set[str]:
    """Themes on this audit row that belong to its health content (see module doc);
    ``health_qs``: the rubric's health-tagged questions by id."""
    found: set[str] = set()
    for tag in audit.themes:
        if tag.question_id:
            if tag.question_id in health_qs:
                found.add(tag.theme_id)
            continue
        for q in health_qs.values():
            answer = audit.answers.get(q.id)
            code = q.normalise_answer(answer) if answer else None
            if (tag.theme_id in q.suggested_themes and code not in (None, NA)
                    and q.is_shortfall(code)):
                found.add(tag.theme_id)
                break
    return found


def health(
    advice: Iterable[AdviceRecord],
    sessions: Sequence[SessionData],
    rubrics: Mapping[tuple[str, int], Rubric],
    from_month: str,
    to_month: str,
    *,
    names: Iterable[str] = (),
    today: dt.date | None = None,
    returns: Iterable[AgreedReturn] = (),
    timeliness: Rubric | None = None,
) -> HealthFigures:
    """Health figures for advice requested, and sessions dated, within from..to.

    ``returns``: agreed audits of advice returns (any session date; ``rubrics`` must
    hold their rubric versions); ``timeliness``: the advice-return rubric whose
    ``timeliness`` targets apply (see the module docstring)."""
    names = tuple(names)
    today = today or dt.date.today()
    months = months_between(from_month, to_month)
    start, end = month_bounds(from_month, to_month)

    by_service: dict[str, list[AdviceRecord]] = {}
    for r in advice:
        if start <= r.requested_date <= end:
            by_service.setdefault(r.service, []).append(r)
    judged = judge_returns(returns, rubrics)
    targets = timeliness.timeliness_targets if timeliness else _NO_TARGET
    # the multi-agency comparison: sessions on plan rubrics (advice returns are the dive)
    chosen = [s for s in sessions_in(sessions, from_month, to_month)
              if rubrics[(s.rubric_id, s.rubric_version)].unit == "plan"]
    q_acc: dict[str, QuestionFigure] = {}
    attributions: Counter[tuple[str, str]] = Counter()
    total = 0  # attributed shortfall answers (one answer may name several agencies)
    theme_plans: dict[str, set[str]] = {}
    theme_agreed: dict[str, set[str]] = {}
    with_agreed: set[str] = set()
    theme_audits: dict[str, list[AuditRecord]] = {}
    labels: dict[str, str] = {}
    q_texts: dict[str, str] = {}
    audited: set[str] = set()
    for s in chosen:
        rubric = rubrics[(s.rubric_id, s.rubric_version)]
        labels.update({a.id: a.label for a in rubric.agencies})
        q_texts.update({q.id: q.text for q in rubric.questions()})
        tally = agreed_tally(s)
        audited |= {a.plan_ref for a in s.audits}
        tagged = [q for q in rubric.questions() if q.has_tag("health")]
        health_qs = {q.id: q for q in tagged}
        for qf in tallied_question_figures(tagged, tally):
            held = q_acc.get(qf.id)
            if held is None:
                q_acc[qf.id] = qf
                continue
            merged = Counter(held.counts)
            merged.update(qf.counts)
            answered = held.answered + qf.answered
            short = held.shortfalls + qf.shortfalls
            q_acc[qf.id] = QuestionFigure(qf.id, qf.text, "", dict(merged), answered, short,
                                          percent(short, answered), qf.tags)
        attributions.update(attributed_shortfalls(rubric, tally))
        total += attributed_answer_count(rubric, tally)
        for audit in s.audits:
            if not audit.themes:
                continue
            for theme_id in _health_theme_refs(audit, health_qs):
                theme_plans.setdefault(theme_id, set()).add(audit.plan_ref)
                theme_audits.setdefault(theme_id, []).append(audit)
                if audit.is_panel:
                    theme_agreed.setdefault(theme_id, set()).add(audit.plan_ref)
        with_agreed |= {a.plan_ref for a in s.audits if a.is_panel}

    questions = tuple(q_acc.values())
    answers = sum(q.answered for q in questions)
    shortfalls = sum(q.shortfalls for q in questions)
    counts: Counter[str] = Counter()
    for (_, agency), n in attributions.items():
        counts[agency] += n
    health_agencies = sorted((a for a in counts if is_health_agency(a)),
                             key=lambda a: (-counts[a], a))
    services = tuple(_service_figure(s, by_service[s], months, today, judged=judged,
                                     targets=targets, attributed=counts.get(s, 0))
                     for s in sorted(by_service))
    health_records = [r for s in services if s.is_health for r in by_service[s.service]]
    health_total = (_service_figure(
        "all_health", health_records, months, today, "All health services", True,
        judged=judged, targets=targets,
        attributed=sum(counts[a] for a in health_agencies)) if health_records else None)
    exception_list = tuple(
        AdviceException(r.plan_ref, r.service, r.requested_date, r.received_date,
                        ((r.received_date or today) - r.requested_date).days)
        for s in sorted(by_service) for r in sorted(
            by_service[s], key=lambda x: (x.requested_date, x.plan_ref)) if not _within(r))
    agencies = tuple(AgencyFigure(a, labels.get(a, SERVICE_LABELS.get(a, a)), counts[a],
                                  percent(counts[a], total)) for a in health_agencies)
    health_attr = sum(counts[a] for a in health_agencies)
    by_question = Counter({(q, a): n for (q, a), n in attributions.items()
                           if is_health_agency(a)})
    rubric_list = [rubrics[(s.rubric_id, s.rubric_version)] for s in reversed(chosen)]
    themes = tuple(sorted(
        (ThemeFigure(t, theme_label(rubric_list, t), len(theme_agreed.get(t, ())), len(refs),
                     percent(len(theme_agreed.get(t, ())), len(with_agreed)),
                     percent(len(refs), len(audited)),
                     tuple(approved_excerpts(theme_audits[t], t, names, 3)))
         for t, refs in theme_plans.items()),
        key=lambda f: (-f.plans, -f.raised, f.id)))
    return HealthFigures(
        from_month=from_month, to_month=to_month, produced_on=today, services=services,
        health_total=health_total, sessions=tuple(s.name for s in chosen),
        plans_audited=len(audited), questions=questions, health_answers=answers,
        health_shortfalls=shortfalls, health_shortfall_percent=percent(shortfalls, answers),
        agencies=agencies, attributed_shortfalls=total, health_attributed_shortfalls=health_attr,
        percent_attributed_to_health=percent(health_attr, total),
        attribution_by_question=tuple(
            (q, q_texts.get(q, q), a, n)
            for (q, a), n in sorted(by_question.items(), key=lambda x: (-x[1], x[0]))),
        themes=themes,
        quality_rubric=timeliness.id if timeliness else None, timeliness_targets=targets,
        exception_list=exception_list,
    )
