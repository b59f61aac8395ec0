"""Report use cases: load what a report needs, compute its figures once.

Each function reads the database in a fixed, small number of queries (through
:mod:`qa_audit.services.session_data`) and hands plain domain objects to the pure
figure functions in :mod:`qa_audit.reporting`. The CLI and the GUI both call
these, then :func:`qa_audit.reporting.render.generate` to write the files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from qa_audit.domain.audit import AdviceRecord, SessionData
from qa_audit.domain.rubric import Rubric
from qa_audit.errors import UserError
from qa_audit.reporting import groups
from qa_audit.reporting import health as health_figures
from qa_audit.reporting import key_issues as key_issues_figures
from qa_audit.reporting import themes as themes_figures
from qa_audit.reporting import trend as trend_figures
from qa_audit.reporting.breakdown import BREAKDOWN_FIELDS, check_breakdown_field
from qa_audit.reporting.render import ReportMeta
from qa_audit.services import (
    advice_returns,
    changelog,
    feedback_data,
    library,
    period_data,
    plans,
    reaudits,
    redaction_terms,
    rubrics,
    session_data,
)
from qa_audit.storage.engine import Database

__all__ = ["PeriodFigures", "dashboard", "health", "key_issues", "month_arg",
           "period", "report_meta", "rubrics_with_sessions", "themes", "trend"]


def month_arg(text: str, what: str = "month") -> str:
    """A ``YYYY-MM`` argument, checked; UserError naming the argument otherwise."""
    try:
        year, month = trend_figures.parse_month(text)
    except ValueError as exc:
        raise UserError(f"{what}: {exc}.") from None
    return f"{year:04d}-{month:02d}"


def period(from_month: str, to_month: str) -> tuple[str, str, dt.date, dt.date]:
    """Checked (from, to, first day, last day) of a report period.

    Any length is accepted (CONTRACT.md: every month from --from to --to): a script
    asking for everything since the 2014 reforms gets it, not a refusal.
    """
    first = month_arg(from_month, "--from")
    last = month_arg(to_month, "--to")
    if not trend_figures.months_between(first, last):
        raise UserError(f"--from {first} is after --to {last}; give the earlier month first.")
    start, end = trend_figures.month_bounds(first, last)
    return first, last, start, end


def _names(db: Database, names: Iterable[str] | None) -> tuple[str, ...]:
    """The database's redaction list, plus any ``names`` the caller adds."""
    return redaction_terms.for_reports(db, names)


def _rubrics_for(db: Database, sessions: Sequence[SessionData]) -> dict[tuple[str, int], Rubric]:
    return _versions(db, {(s.rubric_id, s.rubric_version) for s in sessions})


def _versions(db: Database, keys: set[tuple[str, int]]) -> dict[tuple[str, int], Rubric]:
    """These rubric versions, in one statement however many (a period holding sessions on
    several rubrics costs no more statements than one on a single rubric)."""
    if not keys:
        return {}
    with db.read() as s:
        return rubrics.versions(s, keys)


def _check_rubric(db: Database, rubric_id: str | None) -> None:
    if rubric_id is not None:
        with db.read() as s:
            rubrics.get_version(s, rubric_id)  # NotFound (a UserError) names the known ones


def report_meta(db: Database, produced: dt.datetime | None = None) -> ReportMeta:
    """What every exported report prints beside its figures: database, chain head, time."""
    with db.read() as s:
        head = changelog.chain_head(s)
    return ReportMeta(database=db.name, chain_head=head,
                      produced=produced or dt.datetime.now().replace(microsecond=0))


def key_issues(db: Database, session_name: str, *, names: Iterable[str] | None = None,
               today: dt.date | None = None,
               by: str | None = None) -> key_issues_figures.KeyIssuesFigures:
    """Key issues figures of one session (NotFound when there is no such session).

    ``by``: a plan field (built-in or custom) to break percent good down by.
    """
    if by is not None:
        _check_breakdown(db, by)
    current = session_data.load_session(db, session_name)
    # the comparison reads the previous session's agreed grades only
    previous = session_data.previous_session(db, session_name, members="none")
    loaded = _rubrics_for(db, [current] + ([previous] if previous else []))
    with db.read() as s:
        latest = rubrics.latest_rubric(s, current.rubric_id)
    return key_issues_figures.key_issues(
        current, loaded[(current.rubric_id, current.rubric_version)],
        previous=previous,
        previous_rubric=loaded[(previous.rubric_id, previous.rubric_version)] if previous else None,
        names=_names(db, names), today=today, latest=latest, by=by,
        reaudits=reaudits.session_reaudits(db, session_name),
        responses=feedback_data.load_feedback(
            db, plan_refs={a.plan_ref for a in current.audits if a.is_panel}),
    )


def _trend(db: Database, sessions: Sequence[SessionData],
           loaded: dict[tuple[str, int], Rubric], first: str, last: str,
           rubric_id: str | None) -> trend_figures.TrendFigures:
    """The one-rubric trend of sessions loaded by :func:`period_data.load_period`, with
    the latest version's targets and the agreed answers its indicators read."""
    start, end = trend_figures.month_bounds(first, last)
    chosen = rubric_id or trend_figures.choose_rubric(
        trend_figures.sessions_in(sessions, first, last))
    if chosen is None:  # an empty period still names a rubric (null only with no session)
        chosen = period_data.latest_session_rubric(db)
    latest = None
    answers: dict[str, list[tuple[dict[str, str], int]]] = {}
    if chosen is not None:
        with db.read() as s:
            latest = rubrics.latest_rubric(s, chosen)
        questions = trend_figures.indicator_questions(latest)
        if questions:  # one statement: the indicator questions' answers, counted
            answers = period_data.count_agreed_answers(db, start, end, chosen, questions)
    return trend_figures.trend(sessions, loaded, first, last, rubric_id=chosen,
                               latest=latest, answers=answers)


def _check_breakdown(db: Database, name: str) -> None:
    """A custom field to break down by must be one some plan holds (a typo is an error)."""
    check_breakdown_field(name)
    if name in BREAKDOWN_FIELDS:
        return
    known = plans.custom_field_names(db)
    if name not in known:
        offered = ", ".join((*BREAKDOWN_FIELDS, *known))
        raise UserError(f"No plan has a field {name!r} to break down by; choose from {offered}.")


def trend(db: Database, from_month: str, to_month: str, *,
          rubric_id: str | None = None, by: str | None = None) -> trend_figures.TrendFigures:
    """Trend of one rubric id (``rubric_id``, else the contract's default choice);
    ``by``: a plan field (team, caseworker, ...) to break percent good down by."""
    first, last, start, end = period(from_month, to_month)
    _check_rubric(db, rubric_id)
    if by is not None:
        _check_breakdown(db, by)
    # the trend reads the panel's agreed rows only, their answers counted by the database
    sessions = period_data.load_period(db, start, end, reads="trend")
    loaded = _rubrics_for(db, sessions)
    figures = _trend(db, sessions, loaded, first, last, rubric_id)
    breakdown = None if by is None else groups.trend_breakdown(
        trend_figures.sessions_in(sessions, first, last, figures.rubric), loaded, by)
    return replace(figures, rubric_filter=rubric_id, breakdown=breakdown)


def _health(db: Database, sessions: Sequence[SessionData],
            loaded: dict[tuple[str, int], Rubric], first: str, last: str,
            names: tuple[str, ...], today: dt.date | None,
            advice: Sequence[AdviceRecord] | None = None) -> health_figures.HealthFigures:
    """The health figures of sessions loaded for the period, with the advice requested in
    it (``advice`` when the caller read it already), the agreed audits of those requests
    and the advice-return rubric's targets."""
    start, end = trend_figures.month_bounds(first, last)
    if advice is None:
        advice = session_data.load_advice_requested_between(db, start, end)
    returns = advice_returns.load_agreed_returns(db, start, end)
    loaded = {**loaded, **_versions(db, {(r.rubric_id, r.rubric_version) for r in returns}
                                    - set(loaded))}
    return health_figures.health(advice, sessions, loaded, first, last, names=names,
                                 today=today, returns=returns,
                                 timeliness=advice_returns.timeliness_rubric(db, start, end))


def health(db: Database, from_month: str, to_month: str, *, names: Iterable[str] | None = None,
           today: dt.date | None = None) -> health_figures.HealthFigures:
    first, last, start, end = period(from_month, to_month)
    sessions = period_data.load_period(db, start, end)
    return _health(db, sessions, _rubrics_for(db, sessions), first, last, _names(db, names), today)


def themes(db: Database, from_month: str, to_month: str, *, rubric_id: str | None = None,
           names: Iterable[str] | None = None,
           by: str | None = None) -> themes_figures.ThemesFigures:
    """Themes of the period; ``by``: a plan field to break the agreed themes down by."""
    first, last, start, end = period(from_month, to_month)
    _check_rubric(db, rubric_id)
    if by is not None:
        _check_breakdown(db, by)
    sessions = period_data.load_period(db, start, end)
    loaded = _rubrics_for(db, sessions)
    listed = _names(db, names)
    figures = themes_figures.themes(sessions, loaded, first, last, rubric_id=rubric_id,
                                    names=listed)
    if by is not None:
        figures = replace(figures, breakdown=groups.themes_breakdown(
            trend_figures.sessions_in(sessions, first, last, rubric_id), by,
            [t.id for t in figures.themes]))
    return library.with_library(db, figures, sessions, loaded, rubric_id, listed)


@dataclass(frozen=True)
class PeriodFigures:
    """The trend, health and themes figures of one period (the dashboard's)."""

    trend: trend_figures.TrendFigures
    health: health_figures.HealthFigures | None
    themes: themes_figures.ThemesFigures


def dashboard(db: Database, from_month: str, to_month: str, *,
              names: Iterable[str] | None = None, today: dt.date | None = None,
              with_health: bool = True, rubric_id: str | None = None,
              advice: Sequence[AdviceRecord] | None = None) -> PeriodFigures:
    """Trend, health (unless ``with_health`` is false) and themes figures of one period,
    from one load of its sessions: the same figures as :func:`trend`, :func:`health` and
    :func:`themes` give one by one (each of which loads the period itself). The trend
    covers ``rubric_id`` (default: the contract's choice, as :func:`trend`), and the
    themes the trend's rubric; ``advice``: the period's advice requests, when read
    already (the dashboard shares them with its timeliness figures)."""
    first, last, start, end = period(from_month, to_month)
    _check_rubric(db, rubric_id)
    sessions = period_data.load_period(db, start, end)
    loaded = _rubrics_for(db, sessions)
    listed = _names(db, names)
    health_part = None
    if with_health:
        health_part = _health(db, sessions, loaded, first, last, listed, today, advice)
    trend = replace(_trend(db, sessions, loaded, first, last, rubric_id), rubric_filter=rubric_id)
    return PeriodFigures(
        trend=trend,
        health=health_part,
        # theme ids belong to a rubric: the themes follow the trend's one rubric
        themes=library.with_library(
            db, themes_figures.themes(sessions, loaded, first, last, rubric_id=trend.rubric,
                                      names=listed),
            sessions, loaded, trend.rubric, listed),
    )


def rubrics_with_sessions(db: Database) -> list[tuple[str, str]]:
    """(rubric id, title of its latest version) of every rubric id with a session, by id:
    what a rubric picker offers for the trend and dashboard."""
    return period_data.rubrics_with_sessions(db)
