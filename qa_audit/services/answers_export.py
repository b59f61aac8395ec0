"""The analysts' export (issue 18 item 5): one record per agreed answer of a period.

For Power BI and Excel users who build their own views: every answer on the panel's
agreed row of each session dated in the period (``YYYY-MM`` months, as the other
period reports), with the plan's fields, the question, the answer and its label,
whether it is a shortfall and the agencies it is attributed to. Members' rows are
never read, so nothing a single auditor said (nor who said it) leaves the app; the
plan's caseworker, a member of staff, is left out too. On an ``advice_return`` rubric
each return has its own agreed row (:mod:`qa_audit.domain.items`), so two returns of
one plan give two sets of rows, each with its service and requested date.

Domain records only (:class:`~qa_audit.domain.answers.AnswerRow`): the pandas writer
is :mod:`qa_audit.reporting.answers_table`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select

from qa_audit.domain.answers import AnswerRow
from qa_audit.domain.audit import AuditRecord, PlanFacts, SessionData
from qa_audit.domain.rubric import NA, Question, Rubric
from qa_audit.errors import UserError
from qa_audit.reporting import answers_table
from qa_audit.reporting.agreed_figures import agreed_audits
from qa_audit.reporting.redaction import redact_names
from qa_audit.services import redaction_terms, rubrics, session_data
from qa_audit.services.reports import period
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["PANDAS_MISSING", "AnswerRow", "ExportDone", "agreed_answers", "export_answers",
           "pandas_missing"]

PANDAS_MISSING = answers_table.PANDAS_MISSING


def agreed_answers(db: Database, from_month: str, to_month: str, *,
                   rubric_id: str | None = None) -> list[AnswerRow]:
    """Every agreed answer of sessions dated in the period, by session date, session,
    plan, return (requested date) and rubric order (``rubric_id``: only sessions on that rubric)."""
    _first, _last, start, end = period(from_month, to_month)
    if rubric_id is not None:
        with db.read() as s:
            rubrics.get_version(s, rubric_id)  # NotFound (a UserError) names the known ones
    # the panel's rows only: members' rows and their authors never reach the export
    loaded = session_data.load_sessions_between(db, start, end, members="none")
    chosen = [s for s in loaded if rubric_id is None or s.rubric_id == rubric_id]
    keys = {(s.rubric_id, s.rubric_version) for s in chosen}
    with db.read() as s:
        versions = rubrics.versions(s, keys) if keys else {}
    requests = _requests(db, {a.advice_request_id for sess in chosen for a in sess.audits
                              if a.advice_request_id is not None})
    names = redaction_terms.for_reports(db)
    rows: list[AnswerRow] = []
    for sess in chosen:
        rubric = versions[(sess.rubric_id, sess.rubric_version)]
        masked = replace(sess, plans={ref: _masked(p, names) for ref, p in sess.plans.items()})
        for audit in sorted(agreed_audits(masked).values(), key=lambda a: _order(a, requests)):
            rows.extend(_rows(masked, rubric, audit, requests))
    return rows


def _requests(db: Database, ids: set[int]) -> dict[int, tuple[str, dt.date]]:
    """advice request id -> (service, requested date), in one statement per 900 ids."""
    out: dict[int, tuple[str, dt.date]] = {}
    ordered = sorted(ids)
    r = m.AdviceRequest
    with db.read() as s:
        for i in range(0, len(ordered), 900):
            for rid, service, requested in s.execute(
                    select(r.id, r.service, r.requested_date)
                    .where(r.id.in_(ordered[i:i + 900]))):
                out[rid] = (service, requested)
    return out


def _masked(plan: PlanFacts, names: tuple[str, ...]) -> PlanFacts:
    """The plan without its caseworker (staff are not named in the export), its free-text
    fields with the redaction list's names masked (a council's custom field may hold
    anything)."""
    if not names:
        return replace(plan, caseworker=None)
    return replace(
        plan, caseworker=None,
        team=redact_names(plan.team, names) if plan.team else plan.team,
        setting_type=redact_names(plan.setting_type, names) if plan.setting_type else None,
        custom={k: redact_names(v, names) for k, v in plan.custom.items()})


def _order(audit: AuditRecord, requests: Mapping[int, tuple[str, dt.date]]
           ) -> tuple[str, dt.date, str]:
    """By plan, then a plan's returns by requested date and service."""
    service, requested = requests.get(audit.advice_request_id or -1, ("", dt.date.min))
    return audit.plan_ref, requested, service


def _band(rubric: Rubric, grade: int | None) -> str | None:
    """The grade's band label (None without a grade, or one outside the scale)."""
    if grade is None:
        return None
    try:
        return rubric.band_for(grade).label
    except ValueError:
        return None


def _label(question: Question, code: str) -> str:
    if code == NA:
        return "Not applicable"
    option = question.option(code) if question.type == "choice" else None
    return option.label if option is not None else code


def _rows(sess: SessionData, rubric: Rubric, audit: AuditRecord,
          requests: Mapping[int, tuple[str, dt.date]]) -> list[AnswerRow]:
    """The agreed row's answers in rubric order (blank and invalid answers left out)."""
    plan = sess.plans.get(audit.plan_ref, PlanFacts(audit.plan_ref))
    service, requested = (requests.get(audit.advice_request_id, (None, None))
                          if audit.advice_request_id is not None else (None, None))
    band = _band(rubric, audit.overall)
    out = []
    for section in rubric.sections:
        for q in section.questions:
            raw = audit.answers.get(q.id)
            code = q.normalise_answer(raw) if raw is not None else None
            if code is None:
                continue
            short = q.is_shortfall(code)
            out.append(AnswerRow(
                session=sess.name, session_date=sess.date, rubric_id=sess.rubric_id,
                rubric_version=sess.rubric_version, plan_ref=audit.plan_ref, plan=plan,
                service=service, requested_date=requested, question_id=q.id,
                question=q.text, section=section.title, value=code,
                value_label=_label(q, code), shortfall=short,
                agencies=audit.attributions.get(q.id, ()) if short else (),
                overall=audit.overall, band=band))
    return out


def export_answers(db: Database, from_month: str, to_month: str, out: str | Path, *,
                   rubric_id: str | None = None,
                   progress: Callable[[int, str], None] | None = None) -> ExportDone:
    """Read the period's agreed answers and write them to ``out`` (.xlsx or .csv): what
    the Reports page runs in the background. UserError on a wrong suffix (before any
    reading) or when pandas is missing (:data:`answers_table.PANDAS_MISSING`)."""
    path = answers_table.check_out_path(out)
    if answers_table.pandas_missing():
        raise UserError(answers_table.PANDAS_MISSING)
    if progress:
        progress(10, "Reading the agreed answers")
    rows = agreed_answers(db, from_month, to_month, rubric_id=rubric_id)
    written = answers_table.write_answers(rows, path, progress=progress)
    return ExportDone(written, len(rows), len({r.session for r in rows}))


@dataclass(frozen=True)
class ExportDone:
    """What an export wrote: the file, its rows and the sessions they came from."""

    path: Path
    answers: int
    sessions: int

    def describe(self) -> str:
        return (f"{self.answers} agreed answer{'s' * (self.answers != 1)} from "
                f"{self.sessions} session{'s' * (self.sessions != 1)} written to {self.path}")


def pandas_missing() -> bool:
    """True when this installation cannot write the export (the desktop bundle)."""
    return answers_table.pandas_missing()
