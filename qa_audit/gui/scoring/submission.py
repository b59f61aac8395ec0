"""Submitting (and reopening) the member's audit of a plan from the Scoring page, and
the list of what is still missing before it can be submitted.

A controller over the page it is given; the wording comes from ``page_presenter``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from qa_audit.domain.items import ItemKey
from qa_audit.errors import UserError
from qa_audit.gui.scoring import page_presenter as present
from qa_audit.gui.scoring.host import ScoringHost
from qa_audit.services import submission


class Submission(QObject):
    """Submit (Ctrl+Enter) once everything is answered; Reopen a submitted audit."""

    def __init__(self, page: ScoringHost, parent: QObject) -> None:
        super().__init__(parent)
        self.page = page

    def missing(self) -> submission.Completeness | None:
        page, p = self.page, self.page.presenter
        if page.form is None or p.rubric is None or p.plan_ref is None:
            return None
        return submission.completeness(p.rubric, p.facts.get(p.plan_ref, {}),
                                       page.form.answers(), page.form.grade())

    def show_missing(self, *, quiet: bool = False) -> submission.Completeness | None:
        """Show what is still missing (or that the audit is ready to submit)."""
        check = self.missing()
        form = self.page.form
        if check is None or form is None:
            return None
        if check.complete:
            self.page.side.show_missing(
                "Everything is answered: ready to submit (Ctrl+Enter).", complete=True)
            return check
        questions = {qid: (w.number, w.question.text) for qid, w in form.questions.items()}
        self.page.side.show_missing(present.missing_html(check, questions, quiet=quiet),
                                    complete=False, spoken=self.missing_text(check))
        return check

    def missing_text(self, check: submission.Completeness) -> str:
        """What is missing as one sentence (for screen readers and the status bar)."""
        form = self.page.form
        assert form is not None
        return present.missing_text(check, {q: w.number for q, w in form.questions.items()})

    def submit(self) -> bool:
        """Submit the member's audit of this plan once it is complete (Ctrl+Enter)."""
        page = self.page
        if not page.editable() or not page.ui.submitButton.isEnabled():
            return False
        form = page.form
        assert form is not None
        if not page.autosave.can_leave():
            return False
        check = self.show_missing()
        if check is None:
            return False
        if not check.complete:
            page.ctx.status_message.emit(self.missing_text(check))
            if check.missing_questions:
                form.focus_question(check.missing_questions[0])
            else:
                form.focus_item(form.overall)
            return False
        plan = self._tell_service(submission.submit)
        if plan is None:
            return False
        page.ui.missingLabel.hide()
        page.autosave.set_status(f"Submitted {plan}", "saved")
        page.ctx.status_message.emit(f"Submitted your audit of {plan}.")
        page.after_status_change(plan)
        page.submitted.emit(plan.label)
        page.saved.emit(f"submission of {plan}")
        return True

    def reopen(self) -> bool:
        page = self.page
        if page.session is None or page.plan_ref is None or not page.member:
            return False
        plan = self._tell_service(submission.reopen)
        if plan is None:
            return False
        page.after_status_change(plan)
        return True

    def _tell_service(self, change: Callable[..., None]) -> ItemKey | None:
        """Submit or reopen the audit on screen (``change(db, session, plan, member)``):
        the plan, or None when the service refused (its message is shown)."""
        page = self.page
        session, plan, member = page.where()
        try:
            change(page.ctx.db, session, plan, member)
        except UserError as exc:
            page.autosave.show_message(exc.message, retry=False)
            return None
        return plan
