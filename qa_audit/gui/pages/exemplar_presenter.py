"""What the Exemplar library page shows and does, without Qt (tested without a window).

The page (``exemplars_page``) only lays out :class:`LibraryView` and forwards clicks;
every rule and every message is here, and every change goes through
:mod:`qa_audit.services.exemplars`. Only redacted text ever reaches the view: a
good-practice excerpt waiting for approval shows its suggested redaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa_audit.errors import UserError
from qa_audit.services import exemplars
from qa_audit.services.actor import Actor
from qa_audit.services.exemplars import ExemplarRecord, GoodPracticeRecord, TrainingRecord

if TYPE_CHECKING:
    from qa_audit.services.store.workspace import Store

__all__ = ["ExemplarLibraryPresenter", "LibraryView", "Row", "parse_questions", "parse_uk_date"]


@dataclass(frozen=True)
class Row:
    """One table row: the cells as shown, and the id a button acts on."""

    id: int
    cells: tuple[str, ...]
    waiting: bool = False  # a good-practice excerpt not yet approved


@dataclass(frozen=True)
class LibraryView:
    exemplars: tuple[Row, ...]
    good_practice: tuple[Row, ...]
    trainings: tuple[Row, ...]
    summary: str

    EXEMPLAR_HEADERS = ("Session", "Plan", "Grade", "Why it is an exemplar", "Marked by")
    GOOD_PRACTICE_HEADERS = ("Rubric", "Question", "Plan", "Session", "Excerpt", "Status")
    TRAINING_HEADERS = ("Date", "Rubric", "Training", "Questions")


def parse_uk_date(text: str) -> dt.date:
    """``03/10/2026`` or ``2026-10-03``; a ``UserError`` saying which forms work otherwise."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise UserError(f"{text!r} is not a date: type it as 03/10/2026 (day/month/year).")


def parse_questions(text: str) -> list[str]:
    """Question ids separated by commas, semicolons or spaces, each once."""
    return list(dict.fromkeys(q for q in text.replace(";", ",").replace(" ", ",").split(",")
                              if q))


def _exemplar_row(e: ExemplarRecord) -> Row:
    grade = "" if e.grade is None else str(e.grade)
    return Row(e.id, (e.session, e.plan_ref, grade, e.reason, e.marked_by))


def _good_practice_row(g: GoodPracticeRecord) -> Row:
    status = f"approved by {g.approved_by}" if g.approved else "waiting for approval"
    return Row(g.id, (g.rubric_id, g.question_id, g.plan_ref, g.session, g.text, status),
               waiting=not g.approved)


def _training_row(t: TrainingRecord) -> Row:
    return Row(t.id, (f"{t.date:%d/%m/%Y}", t.rubric_id, t.title, ", ".join(t.question_ids)))


class ExemplarLibraryPresenter:
    """``load()`` gives the view; the other methods change the library and return the
    message to show (a ``UserError``'s message on refusal, never a traceback)."""

    def __init__(self, db: Store, actor: Actor,
                 names: Callable[[], Iterable[str]] | None = None) -> None:
        self.db = db
        self.actor = actor
        self._names = names

    def _listed(self) -> tuple[str, ...] | None:
        return None if self._names is None else tuple(self._names())

    def load(self) -> LibraryView:
        names = self._listed()
        ex = tuple(_exemplar_row(e) for e in exemplars.exemplars(self.db, names))
        gp = tuple(_good_practice_row(g)
                   for g in exemplars.good_practice(self.db, names=names))
        tr = tuple(_training_row(t) for t in exemplars.trainings(self.db))
        waiting = sum(r.waiting for r in gp)
        summary = (f"{len(ex)} exemplar{'s' * (len(ex) != 1)}, {len(gp) - waiting} approved "
                   f"good-practice excerpt{'s' * (len(gp) - waiting != 1)}"
                   f"{f', {waiting} waiting for approval' if waiting else ''}, "
                   f"{len(tr)} training date{'s' * (len(tr) != 1)}.")
        return LibraryView(ex, gp, tr, summary)

    def training_choices(self) -> tuple[list[tuple[str, str]], dict[str, list[tuple[str, str]]]]:
        """(rubric id, title) pairs and each rubric's questions, for the training dialog."""
        found = exemplars.training_choices(self.db)
        return [(rid, title) for rid, title, _ in found], {rid: qs for rid, _, qs in found}

    def mark(self, session: str, plan_ref: str, reason: str) -> str:
        try:
            exemplars.mark_exemplar(self.db, session, plan_ref, reason, self.actor)
        except UserError as exc:
            return exc.message
        return f"{plan_ref} is in the exemplar library."

    def approve(self, good_practice_id: int) -> str:
        try:
            text = exemplars.approve_good_practice(self.db, good_practice_id, None,
                                                   self.actor, names=self._listed())
        except UserError as exc:
            return exc.message
        return f"Approved for quoting: {text}"

    def add_training(self, rubric_id: str, date_text: str, title: str,
                     questions: str | Iterable[str]) -> str:
        try:
            date = parse_uk_date(date_text)
            ids = parse_questions(questions) if isinstance(questions, str) else list(questions)
            exemplars.add_training(self.db, rubric_id, date, title, ids, self.actor)
        except UserError as exc:
            return exc.message
        return f"Training on {date:%d/%m/%Y} recorded; the themes report compares before and after."
