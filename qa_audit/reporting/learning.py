"""Learning figures for trainers: recurring shortfalls paired with good practice, and
shortfall rates before and after a training date.

Pure functions over loaded sessions (the panel's agreed rows only), used by the
themes report. Choices, also in docs/loop.md:

* A shortfall is **recurring** when the panel agreed it on the same question of the
  same rubric id in at least :data:`RECURRING_MIN` plans of the period. Each is
  listed with up to :data:`GOOD_PRACTICE_PER_QUESTION` *approved* good-practice
  excerpts for that question (redacted again with the names list), newest first.
* A training's **before** and **after**: agreed answers (other than NA) to each of
  its questions in the period's sessions on its rubric id dated before the training
  date, and on or after it. Each side gives n, shortfalls, percent and the 95% Wilson
  interval, so a change over a handful of plans is read with care.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from qa_audit.domain.audit import SessionData
from qa_audit.domain.figures import percent, wilson_interval
from qa_audit.domain.rubric import NA, Rubric
from qa_audit.reporting.figure_records import Excerpt, clean_text
from qa_audit.reporting.trend import agreed_tally

__all__ = ["GOOD_PRACTICE_PER_QUESTION", "RECURRING_MIN", "Rate", "RecurringShortfall",
           "TrainingFigure", "TrainingQuestion", "recurring_shortfalls", "training_figures"]

RECURRING_MIN = 2
GOOD_PRACTICE_PER_QUESTION = 3


class GoodPracticeLike(Protocol):
    """A good-practice excerpt as the service gives it (read-only fields)."""

    @property
    def rubric_id(self) -> str: ...
    @property
    def question_id(self) -> str: ...
    @property
    def plan_ref(self) -> str: ...
    @property
    def session(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def approved(self) -> bool: ...


class TrainingLike(Protocol):
    """A training date as the service gives it (read-only fields)."""

    @property
    def rubric_id(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def title(self) -> str: ...
    @property
    def question_ids(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Rate:
    """Shortfalls among ``n`` agreed answers (NA left out), with the Wilson interval."""

    n: int
    shortfalls: int
    percent: float | None
    ci_low: float | None
    ci_high: float | None

    @classmethod
    def of(cls, shortfalls: int, n: int) -> Rate:
        low, high = wilson_interval(shortfalls, n) if n else (None, None)
        return cls(n, shortfalls, percent(shortfalls, n), low, high)

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, "shortfalls": self.shortfalls, "percent": self.percent,
                "ci_low": self.ci_low, "ci_high": self.ci_high}


@dataclass(frozen=True)
class RecurringShortfall:
    rubric_id: str
    question_id: str
    text: str
    plans: int  # (session, plan) pairs whose agreed answer to the question fell short
    rate: Rate
    good_practice: tuple[Excerpt, ...]

    def to_json(self) -> dict[str, Any]:
        return {"rubric": self.rubric_id, "question": self.question_id, "text": self.text,
                "plans": self.plans, **self.rate.to_json(),
                "good_practice": [e.to_json() for e in self.good_practice]}


@dataclass(frozen=True)
class TrainingQuestion:
    question_id: str
    text: str
    before: Rate
    after: Rate

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question_id, "text": self.text,
                "before": self.before.to_json(), "after": self.after.to_json()}


@dataclass(frozen=True)
class TrainingFigure:
    rubric_id: str
    date: dt.date
    title: str
    questions: tuple[TrainingQuestion, ...]

    def to_json(self) -> dict[str, Any]:
        return {"rubric": self.rubric_id, "date": self.date.isoformat(), "title": self.title,
                "questions": [q.to_json() for q in self.questions]}


def _agreed_codes(sessions: Sequence[SessionData], rubrics: Mapping[tuple[str, int], Rubric]
                  ) -> Iterable[tuple[SessionData, str, bool, int]]:
    """(session, question id, shortfall, how many plans) of the agreed answers other than
    NA, read from the counts the period loader gives (one agreed row per plan)."""
    for s in sessions:
        rubric = rubrics[(s.rubric_id, s.rubric_version)]
        for (qid, raw), count in agreed_tally(s).values.items():
            if not rubric.has_question(qid) or raw is None or not str(raw).strip():
                continue
            q = rubric.question(qid)
            code = q.normalise_answer(str(raw))
            if code is None or code == NA:
                continue
            yield s, qid, q.is_shortfall(code), count


def _question_text(rubrics: Iterable[Rubric], rubric_id: str, qid: str) -> str:
    for r in rubrics:
        if r.id == rubric_id and r.has_question(qid):
            return r.question(qid).text
    return ""


def recurring_shortfalls(sessions: Sequence[SessionData],
                         rubrics: Mapping[tuple[str, int], Rubric],
                         good_practice: Iterable[GoodPracticeLike],
                         names: Sequence[str] = ()) -> list[RecurringShortfall]:
    """Questions the panel found short in at least :data:`RECURRING_MIN` plans, most first,
    each with approved good practice for the same rubric id and question."""
    tally: dict[tuple[str, str], list[int]] = {}
    for s, qid, short, count in _agreed_codes(sessions, rubrics):
        counts = tally.setdefault((s.rubric_id, qid), [0, 0])
        counts[0] += count
        counts[1] += count if short else 0
    examples: dict[tuple[str, str], list[Excerpt]] = {}
    for gp in good_practice:
        if not gp.approved:
            continue
        text = clean_text(gp.text, names)
        bucket = examples.setdefault((gp.rubric_id, gp.question_id), [])
        if text and len(bucket) < GOOD_PRACTICE_PER_QUESTION:
            bucket.append(Excerpt(gp.plan_ref, text, gp.session))
    newest_first = list(reversed(list(rubrics.values())))
    out = [RecurringShortfall(rid, qid, _question_text(newest_first, rid, qid), short,
                              Rate.of(short, n), tuple(examples.get((rid, qid), ())))
           for (rid, qid), (n, short) in tally.items() if short >= RECURRING_MIN]
    return sorted(out, key=lambda r: (-r.plans, r.rubric_id, r.question_id))


def training_figures(sessions: Sequence[SessionData], rubrics: Mapping[tuple[str, int], Rubric],
                     trainings: Iterable[TrainingLike]) -> list[TrainingFigure]:
    """Each training's questions: agreed shortfall rate before and after its date."""
    answers = list(_agreed_codes(sessions, rubrics))
    newest_first = list(reversed(list(rubrics.values())))
    out = []
    for t in sorted(trainings, key=lambda t: (t.date, t.title)):
        rows = []
        for qid in t.question_ids:
            sides: dict[bool, list[int]] = {False: [0, 0], True: [0, 0]}  # after? -> n, short
            for s, q, short, count in answers:
                if q == qid and s.rubric_id == t.rubric_id:
                    side = sides[s.date >= t.date]
                    side[0] += count
                    side[1] += count if short else 0
            rows.append(TrainingQuestion(qid, _question_text(newest_first, t.rubric_id, qid),
                                         Rate.of(sides[False][1], sides[False][0]),
                                         Rate.of(sides[True][1], sides[True][0])))
        out.append(TrainingFigure(t.rubric_id, t.date, t.title, tuple(rows)))
    return out
