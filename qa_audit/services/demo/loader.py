"""Realistic synthetic data for demonstrations and training (no real children).

About 400 plans issued over the last 12 months, advice requests per service
(some late, some never returned), 12 monthly multi-agency panels of 8-12
sampled plans scored by 3-4 auditors from different agencies who disagree the
way real panels do, agreed panel scores, themes, attributions, strengths and
actions, and the DCO's deep dive of health advice returns (``demo_dco``). The
same seed and the same month give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from qa_audit.domain.rubric import Question, Rubric
from qa_audit.errors import UserError
from qa_audit.services import changelog, rubrics
from qa_audit.services.actor import Actor
from qa_audit.services.demo.board import add_board_data
from qa_audit.services.demo.dco import add_dco_session, pick_answer
from qa_audit.services.sampling import SampleSettings, draw
from qa_audit.services.sessions import add_member, create_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

NEEDS = (
    ("ASD", 30),
    ("SLCN", 19),
    ("SEMH", 18),
    ("MLD", 8),
    ("SpLD", 5),
    ("SLD", 5),
    ("PD", 4),
    ("OTH", 4),
    ("PMLD", 2),
    ("HI", 2),
    ("VI", 2),
    ("MSI", 1),
)
TEAMS = ("North", "South", "East", "West", "Post-16")
SETTINGS = (
    ("Oakfield Primary School", "mainstream"),
    ("Riverside Academy", "mainstream"),
    ("Hillcrest Primary", "mainstream"),
    ("St Aidan's CE Primary", "mainstream"),
    ("Meadow Bank Secondary", "mainstream"),
    ("Kingsway High School", "mainstream"),
    ("Brookfield Special School", "special"),
    ("The Orchard School", "special"),
    ("Willow Resource Base", "resourced provision"),
    ("Larkspur Nursery", "early years"),
    ("Little Acorns Pre-school", "early years"),
    ("Northgate College", "further education"),
    ("Harbour House (independent)", "independent special"),
)
SERVICES_BY_NEED = {
    "ASD": ("paediatrics", "salt", "ot", "camhs"),
    "SLCN": ("salt", "paediatrics"),
    "SEMH": ("camhs", "paediatrics"),
    "MLD": ("paediatrics",),
    "SpLD": ("school_nursing",),
    "SLD": ("paediatrics", "salt", "physio"),
    "PD": ("physio", "ot", "paediatrics"),
    "PMLD": ("paediatrics", "physio", "ot", "salt"),
    "HI": ("paediatrics", "other_health"),
    "VI": ("paediatrics", "other_health"),
    "MSI": ("paediatrics", "salt", "ot"),
    "OTH": ("paediatrics",),
}
AUDITORS = (
    ("A. Patel (SEN casework)", "sen_casework"),
    ("J. Okafor (EP)", "ep"),
    ("R. Hughes (DCO)", "health"),
    ("S. Murray (social care)", "social_care"),
    ("L. Chen (SEN casework)", "sen_casework"),
    ("M. Byrne (EP)", "ep"),
    ("T. Evans (therapies)", "health"),
    ("K. Novak (SENCo)", "school_setting"),
)
EXCERPTS = {
    "provision": [
        "Section F says '{name} would benefit from access to speech and language therapy' "
        "with no frequency or duration.",
        "Provision reads 'regular small group work as appropriate'; group size and who "
        "delivers it are not stated.",
        "Section F: 'up to 10 hours of support', no breakdown of what the support is.",
    ],
    "voice": [
        "Section A is written about the child, not with them; no record of how views "
        "were gathered.",
        "Parents' views on {date} are summarised in one line.",
    ],
    "outcomes": [
        "Outcome 'to make progress in literacy' is not measurable or time-bound.",
        "Outcomes are not linked to the needs in Section B.",
    ],
    "health": [
        "Health advice returned as 'not known to service'; Section C is empty.",
        "Paediatric advice from 2024 not updated after new diagnosis.",
    ],
    "social_care": [
        "Section D says 'not known to social care' although a child in need plan is open."
    ],
    "pfa": ["Year 10 plan with no aspirations for employment or independent living."],
    "other": [
        "Plan uses unexplained abbreviations (OT, SALT, ELSA) throughout.",
        "Direct payments are received but Section J is blank.",
    ],
}
STRENGTHS = (
    "Clear golden thread from needs to provision and outcomes.",
    "Child's own words used throughout Section A, with photos of what matters to them.",
    "Provision in Section F fully quantified: who, what, how often and for how long.",
    "Health advice specific and up to date; SaLT programme quantified.",
    "Strong Preparing for Adulthood outcomes co-produced with the young person.",
)
DEVELOPMENT = (
    "Quantify Section F provision (frequency, duration, group size, who delivers).",
    "Make outcomes SMART and link each to a need in Section B.",
    "Gather and record the child's views directly; say how they were gathered.",
    "Chase updated therapy advice and reflect the new diagnosis.",
    "Record social care involvement clearly in Section D and H.",
)
# each auditor's habitual leniency (+) or severity (-), so calibration drift shows
LENIENCY = {who: (i * 3 % 7 - 3) / 40 for i, (who, _agency) in enumerate(AUDITORS)}
ACTIONS = (
    ("Return plan {ref} to caseworker to quantify Section F", "SEN Team Manager ({team})"),
    ("Request updated SaLT advice for {ref} and amend Section G", "DCO"),
    ("Add {ref} to re-audit list after amendment", "QA Lead"),
    ("Include vague-wording examples in next caseworker training", "Practice Lead"),
    ("Feed back to EP service on outcome writing", "Principal EP"),
)


@dataclass(frozen=True)
class DemoSummary:
    plans: int
    advice_requests: int
    sessions: int
    audits: int
    actions: int

    def describe(self) -> str:
        return (
            f"Demo data loaded: {self.plans} plans, {self.advice_requests} advice requests, "
            f"{self.sessions} audit sessions, {self.audits} audits, {self.actions} actions."
        )


def _weighted(rng: random.Random, items: Sequence[tuple[str, int]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _month_start(day: dt.date, back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _phase(yg: int) -> str:
    if yg <= 0:
        return "early_years"
    if yg <= 6:
        return "primary"
    if yg <= 11:
        return "secondary"
    return "post16"


def _agency_for(question: Question, agencies: set[str], rng: random.Random) -> str | None:
    tags = set(question.tags)
    for tag, agency in (("health", "health"), ("social_care", "social_care")):
        if tag in tags and agency in agencies:
            return agency
    if tags & {"provision", "outcomes", "needs"}:
        pick = rng.choices(["ep", "sen_casework", "health", "social_care"], [50, 35, 12, 3])[0]
        return pick if pick in agencies else next(iter(sorted(agencies)), None)
    return "sen_casework" if "sen_casework" in agencies else next(iter(sorted(agencies)), None)


def _also_for(question: Question, first: str, agencies: set[str],
              rng: random.Random) -> list[str]:
    """Sometimes a second agency shares a provision or outcomes shortfall, as councils
    report it (Kingston's shares add up to more than 100%)."""
    if not set(question.tags) & {"provision", "outcomes"} or rng.random() >= 0.25:
        return []
    other = next((a for a in ("health", "social_care", "ep") if a != first and a in agencies),
                 None)
    return [other] if other else []


def _excerpt(question: Question, rng: random.Random, ref: str) -> str:
    tags = set(question.tags)
    key = next(
        (
            t
            for t in ("provision", "voice", "outcomes", "health", "social_care", "pfa")
            if t in tags
        ),
        "other",
    )
    text = rng.choice(EXCERPTS[key])
    return text.format(name="Child", date="12/03/2026", ref=ref)


class _Scorer:
    """Draws answers around a plan's hidden quality, with auditor leniency and noise."""

    def __init__(self, rubric: Rubric, rng: random.Random) -> None:
        self.rubric, self.rng = rubric, rng

    def answer(self, q: Question, quality: float, leniency: float) -> str:
        rng = self.rng
        p = min(0.97, max(0.03, quality + leniency + rng.gauss(0, 0.12)))
        if q.allows_na and rng.random() < 0.04:
            return "NA"
        return pick_answer(q, p, rng)

    def grade(self, quality: float, leniency: float) -> int:
        lo, hi = self.rubric.overall.min, self.rubric.overall.max
        raw = lo + (quality + leniency) * (hi - lo) + self.rng.gauss(0, 0.6)
        grade = max(lo, min(hi, round(raw)))
        return lo + hi - grade if self.rubric.best_is_low else grade  # 1 = Outstanding


def load_demo(
    db: Database, actor: Actor, seed: int = 2026, today: dt.date | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> DemoSummary:
    """Fill an empty database; refuses one that already holds plans."""

    def step(pct: int, text: str) -> None:
        if progress is not None:
            progress(pct, text)

    today = today or dt.date.today()
    anchor = today.replace(day=1)
    rng = random.Random(seed)
    with db.read() as session:
        if session.scalar(select(func.count()).select_from(m.Plan)):
            raise UserError(
                "This database already holds plans; demo data goes into an empty "
                "database only (File > New database…)."
            )
        stored = rubrics.get_version(session, "multi-agency-ehcp")
    step(5, "Creating plans")
    plans, quality = _make_plans(rng, anchor, today)
    with db.write() as session:
        session.execute(insert(m.Plan), plans)
        ids = dict(session.execute(select(m.Plan.plan_ref, m.Plan.id)).tuples().all())
        advice = _make_advice(rng, plans, ids, today)
        session.execute(insert(m.AdviceRequest), advice)
        add_board_data(session, plans, ids, quality, today, seed)  # its own random numbers
        changelog.record(
            session,
            actor,
            "demo",
            "plans",
            "load",
            after={"plans": len(plans), "advice": len(advice), "seed": seed},
        )

    step(30, "Drawing samples")

    session_names = []
    for back in range(12, 0, -1):
        month = _month_start(anchor, back - 1)
        date = month.replace(day=min(15, today.day if back == 1 else 15))
        name = f"Panel {date:%B %Y}"
        create_session(db, name, stored.id, date, actor)
        members = rng.sample(AUDITORS, rng.choice((3, 4)))
        chair = rng.randrange(len(members))
        for i, (who, agency) in enumerate(members):
            add_member(db, name, who, agency, "chair" if i == chair else "auditor", actor)
        draw(
            db,
            name,
            SampleSettings(
                size=rng.randint(8, 12),
                seed=seed * 100 + back,
                issued_from=_month_start(month, 2),
                issued_to=date,
                exclude_months=12,
            ),
            actor,
        )
        session_names.append((name, date, members, back))

    step(45, "Scoring and moderating")
    audits = actions = 0
    scorer = _Scorer(stored.rubric, rng)
    agency_ids = {a.id for a in stored.rubric.agencies}
    plan_by_ref = {p["plan_ref"]: p for p in plans}
    for idx, (name, date, members, back) in enumerate(session_names):
        step(45 + idx * 4, f"Scoring {name}")
        with db.write() as session:
            row = session.scalar(select(m.AuditSession).where(m.AuditSession.name == name))
            assert row is not None
            sample = [e for e in row.sample if e.withdrawn_at is None]
            latest = back == 1
            member_rows = {p.name: p for p in row.members}
            for n, entry in enumerate(sample):
                ref = entry.plan.plan_ref
                facts = {
                    k: plan_by_ref[ref][k]
                    for k in (
                        "year_group",
                        "plan_type",
                        "phase",
                        "primary_need",
                        "setting_type",
                        "direct_payments",
                    )
                }
                q_plan = quality[ref]
                applicable = stored.rubric.applicable_questions(facts)
                member_answers = []
                for who, agency in members:
                    if latest and rng.random() < 0.35:
                        continue  # this month's panel is still scoring
                    leniency = LENIENCY[who]
                    answers = {q.id: scorer.answer(q, q_plan, leniency) for q in applicable}
                    submitted = not latest or rng.random() < 0.6
                    if latest and not submitted:
                        for qid in list(answers)[len(answers) // 2 :]:
                            del answers[qid]
                    grade = scorer.grade(q_plan, leniency) if submitted else None
                    _audit(
                        session,
                        row,
                        entry.plan_id,
                        who,
                        agency,
                        date,
                        grade,
                        answers,
                        stored.rubric,
                        rng,
                        ref,
                        agency_ids,
                        member_rows[who].id,
                        submitted,
                    )
                    member_answers.append(answers)
                    audits += 1
                moderated = not latest and not (back == 2 and n >= len(sample) - 2)
                if moderated and member_answers:
                    agreed = {}
                    for q in applicable:
                        votes = [a[q.id] for a in member_answers if q.id in a]
                        agreed[q.id] = (
                            max(sorted(set(votes)), key=votes.count)
                            if votes
                            else scorer.answer(q, q_plan, 0)
                        )
                    grade = scorer.grade(q_plan, 0)
                    _audit(
                        session,
                        row,
                        entry.plan_id,
                        "panel",
                        None,
                        date,
                        grade,
                        agreed,
                        stored.rubric,
                        rng,
                        ref,
                        agency_ids,
                        None,
                        True,
                    )
                    audits += 1
                    if not stored.rubric.is_good(grade) and rng.random() < 0.6:
                        text, owner = rng.choice(ACTIONS)
                        team = plan_by_ref[ref]["team"]
                        due = date + dt.timedelta(days=rng.choice((14, 28, 42)))
                        status = (
                            "open"
                            if due >= today - dt.timedelta(days=10)
                            else rng.choice(("done", "done", "done", "open", "cancelled"))
                        )
                        session.add(
                            m.Action(
                                session_id=row.id,
                                plan_id=entry.plan_id,
                                text=text.format(ref=ref),
                                owner=owner.format(team=team),
                                due_date=due,
                                status=status,
                                updated_by=actor.user,
                            )
                        )
                        actions += 1
            row.status = "scoring" if back == 1 else "moderation" if back == 2 else "closed"
    step(96, "Adding the DCO's deep dive of advice returns")
    dco_sessions, dco_audits = add_dco_session(db, actor, seed, today)
    step(100, "Done")
    return DemoSummary(len(plans), len(advice), len(session_names) + dco_sessions,
                       audits + dco_audits, actions)


def _make_plans(
    rng: random.Random, anchor: dt.date, today: dt.date
) -> tuple[list[dict[str, Any]], dict[str, float]]:
    plans: list[dict[str, Any]] = []
    quality: dict[str, float] = {}
    refs: set[str] = set()
    start = _month_start(anchor, 12)
    days = (today - start).days + 1  # never in the future
    while len(plans) < 400:
        ref = f"EHC-{rng.randint(100000, 999999)}"
        if ref in refs:
            continue
        refs.add(ref)
        need = _weighted(rng, NEEDS)
        yg = rng.choices(
            range(-2, 15), weights=[2, 4, 6, 8, 8, 7, 7, 6, 6, 6, 6, 5, 5, 4, 4, 3, 2]
        )[0]
        setting, setting_type = rng.choice(SETTINGS)
        if yg <= 0:
            setting, setting_type = rng.choice(SETTINGS[9:11])
        elif yg >= 12:
            setting, setting_type = rng.choice((SETTINGS[11], SETTINGS[12], SETTINGS[6]))
        issue = start + dt.timedelta(days=rng.randrange(days))
        weeks = rng.choices((rng.randint(14, 20), rng.randint(21, 34)), weights=(78, 22))[0]
        plans.append(
            {
                "plan_ref": ref,
                "issue_date": issue,
                "request_date": issue - dt.timedelta(weeks=weeks, days=rng.randrange(7)),
                "plan_type": rng.choices(("new", "amended", "review"), (75, 20, 5))[0],
                "year_group": yg,
                "phase": _phase(yg),
                "primary_need": need,
                "setting": setting,
                "setting_type": setting_type,
                "team": "Post-16" if yg >= 12 else rng.choice(TEAMS[:4]),
                "caseworker": f"Caseworker {rng.randint(1, 14):02d}",
                "direct_payments": rng.random() < 0.08,
                "version": 1,
                "updated_by": "demo",
            }
        )
        # hidden plan quality improves over the year (training is working)
        months_ago = (anchor - issue).days / 30
        quality[ref] = min(0.95, max(0.15, rng.gauss(0.74 - months_ago * 0.012, 0.14)))
    plans.sort(key=lambda p: p["plan_ref"])
    return plans, quality


def _make_advice(
    rng: random.Random,
    plans: list[dict[str, Any]],
    ids: dict[str, int],
    today: dt.date,
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for p in plans:
        services = {"ep"} | set(SERVICES_BY_NEED[p["primary_need"]])
        if p["year_group"] <= 0:
            services.add("health_visiting")
        if rng.random() < 0.4:
            services.add("social_care")
        if rng.random() < 0.3 and 1 <= p["year_group"] <= 11:
            services.add("school_nursing")
        for service in sorted(services):
            requested = p["request_date"] + dt.timedelta(days=rng.randint(3, 14))
            roll = rng.random()
            late_bias = 0.12 if service in {"camhs", "salt"} else 0.0
            if roll < 0.72 - late_bias:
                received = requested + dt.timedelta(days=rng.randint(14, 42))
            elif roll < 0.93:
                received = requested + dt.timedelta(days=rng.randint(43, 90))
            else:
                received = None
            if received and received > today:
                received = None
            rows.append(
                {
                    "plan_id": ids[p["plan_ref"]],
                    "service": service,
                    "requested_date": requested,
                    "received_date": received,
                }
            )
    return rows


def _audit(
    session: Session,
    row: m.AuditSession,
    plan_id: int,
    auditor: str,
    agency: str | None,
    date: dt.date,
    grade: int | None,
    answers: dict[str, str],
    rubric: Rubric,
    rng: random.Random,
    ref: str,
    agency_ids: set[str],
    member_id: int | None,
    submitted: bool,
) -> m.Audit:
    is_panel = auditor == "panel"
    audit = m.Audit(
        session_id=row.id,
        plan_id=plan_id,
        member_id=member_id,
        auditor=auditor,
        is_panel=is_panel,
        agency=agency,
        audit_date=date,
        overall=grade,
        status="submitted" if submitted else "draft",
        submitted_at=m.utcnow() if submitted else None,
        updated_by=auditor,
    )
    themes: dict[str, m.ThemeTag] = {}
    for qid, value in answers.items():
        q = rubric.question(qid)
        ans = m.Answer(question_id=qid, value=value)
        if value != "NA" and q.is_shortfall(value):
            if rng.random() < 0.7:
                ans.note = _excerpt(q, rng, ref)
            target = _agency_for(q, agency_ids, rng)
            if target:
                m.set_attributions(ans, [target, *_also_for(q, target, agency_ids, rng)])
            for theme in q.suggested_themes[:1]:
                if theme not in themes and rng.random() < 0.8:
                    tag = m.ThemeTag(theme_id=theme, question_id=qid, excerpt=ans.note)
                    if is_panel and ans.note and rng.random() < 0.5:
                        tag.approved_excerpt = ans.note
                        tag.approved_by = "QA Lead"
                    themes[theme] = tag
        audit.answers.append(ans)
    audit.themes.extend(themes.values())
    if grade is not None and rubric.is_good(grade):
        audit.strengths = rng.choice(STRENGTHS)
    if grade is not None and not rubric.is_good(grade):
        audit.development = rng.choice(DEVELOPMENT)
    session.add(audit)
    return audit
