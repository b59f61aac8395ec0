"""The Moderation screen's part in closing the loop (issue 19): the caseworker's
feedback letter, marking the plan as an exemplar, and tagging good practice.

Kept out of the page module (which is at its size limit): ``LoopActions(page)``
adds its three buttons beside "Add action…" and wires them to the services.
The letter is rendered on a worker thread, so a slow PDF does not freeze the grid.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui import database_actions, workers
from qa_audit.gui.moderation.screen import Screen
from qa_audit.reporting import render
from qa_audit.reporting.render import GeneratedReport, Progress
from qa_audit.services import exemplars, plan_feedback, reports
from qa_audit.services.actor import Actor

if TYPE_CHECKING:
    from qa_audit.services.store.workspace import Store

__all__ = ["LoopActions", "ask_exemplar_reason", "ask_feedback_path", "ask_good_practice",
           "write_feedback"]


def write_feedback(db: Store, session: str, plan_ref: str, out: str, *,
                   progress: Progress | None = None) -> GeneratedReport:
    """The caseworker's letter: agreed scores only, names on the redaction list removed."""
    figures = plan_feedback.feedback(db, session, plan_ref)
    return render.generate("plan-feedback", figures, out, json_path=None,
                           meta=reports.report_meta(db), progress=progress)


def ask_feedback_path(parent: QWidget, plan_ref: str) -> str | None:
    """Where to save the letter (None: cancelled); a ``.pdf`` suffix is added if missing."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Feedback to caseworker", f"feedback-{plan_ref}.pdf", "PDF files (*.pdf)")
    if not path:
        return None
    return path if path.lower().endswith(".pdf") else f"{path}.pdf"


def ask_exemplar_reason(parent: QWidget, plan_ref: str) -> str | None:
    """Why the plan is an exemplar (trainers read this); None when cancelled."""
    text, ok = QInputDialog.getMultiLineText(
        parent, "Mark as exemplar", f"Why is {plan_ref} an exemplar? Trainers read this.")
    return text if ok else None


class GoodPracticeDialog(QDialog):
    """A question of the rubric and the plan's excerpt that shows good practice there."""

    def __init__(self, parent: QWidget | None, plan_ref: str,
                 questions: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Tag good practice — {plan_ref}")
        self.question_combo = QComboBox(self)
        for qid, text in questions:
            self.question_combo.addItem(text, qid)
        self.question_combo.setAccessibleName("Question")
        self.excerpt_edit = QPlainTextEdit(self)
        self.excerpt_edit.setAccessibleName("Excerpt")
        self.excerpt_edit.setPlaceholderText(
            "Paste the excerpt of the plan; leave out names (it is redacted and approved "
            "before trainers see it).")
        form = QFormLayout(self)
        form.addRow("&Question:", self.question_combo)
        form.addRow("&Excerpt:", self.excerpt_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def answer(self) -> tuple[str, str]:
        return str(self.question_combo.currentData()), self.excerpt_edit.toPlainText()


def ask_good_practice(parent: QWidget, plan_ref: str,
                      questions: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(question id, excerpt), or None when cancelled."""
    dialog = GoodPracticeDialog(parent, plan_ref, questions)
    return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class LoopActions(QObject):
    """The three loop buttons of one Moderation screen."""

    #: The letter was written (its path), or failed (the message shown).
    feedback_written = Signal(str)
    feedback_failed = Signal(str)

    def __init__(self, page: Screen) -> None:
        super().__init__(page.as_widget())
        self.page = page
        self.job: workers.Job | None = None
        host = page.ui.addActionButton
        self.feedback_button = self._button(host, "Feedback to caseworker…",
                                            "Write the letter for the plan's caseworker (PDF): "
                                            "agreed grade, strengths, shortfalls and actions; "
                                            "no member's own scores", self.write_letter)
        self.exemplar_button = self._button(host, "Mark as exemplar…",
                                            "Add this plan to the exemplar library, saying why",
                                            self.mark_exemplar)
        self.good_practice_button = self._button(host, "Tag good practice…",
                                                 "Tag an excerpt of this plan as good practice "
                                                 "against one of the rubric's questions",
                                                 self.tag_good_practice)
        page.plan_model.modelReset.connect(self.update_enabled)
        self.update_enabled()

    def update_enabled(self) -> None:
        """The buttons act on the plan shown: enabled while the session has plans."""
        has_plans = self.page.info is not None and self.page.plan_model.rowCount() > 0
        for button in (self.exemplar_button, self.good_practice_button):
            button.setEnabled(has_plans)
        self.feedback_button.setEnabled(has_plans and self.job is None)

    def _button(self, host: QPushButton, text: str, tip: str, slot: Any) -> QPushButton:
        """A button placed after ``host`` in the same layout (the Designer form is not changed)."""
        parent = host.parentWidget()
        button = QPushButton(text, parent)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.setAccessibleDescription(tip)
        button.clicked.connect(slot)
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            index = layout.indexOf(host)
            insert = getattr(layout, "insertWidget", None)
            if index >= 0 and insert is not None:
                insert(index + 1, button)
            else:
                layout.addWidget(button)
        return button

    def _target(self) -> tuple[str, str] | None:
        if self.page.info is None or self.page.plan_ref is None:
            return None
        return self.page.info.name, self.page.plan_ref

    def _actor(self) -> Actor:
        member = self.page.current_member()
        ctx = self.page.ctx
        return Actor(member.name if member else ctx.actor.user, ctx.actor.machine)

    # ------------------------------------------------------------ feedback letter

    def write_letter(self) -> None:
        """Ask where, then write the caseworker's letter on a worker thread."""
        target = self._target()
        if target is None or self.job is not None:
            return
        session, plan_ref = target
        out = ask_feedback_path(self.page.as_widget(), plan_ref)
        if out is None:
            return
        self.feedback_button.setEnabled(False)
        job = workers.Job(write_feedback, self.page.ctx.db, session, plan_ref, out)
        job.signals.finished.connect(lambda _r: self._letter_done(plan_ref, out))
        job.signals.failed.connect(lambda message, _user: self._letter_failed(message))
        job.signals.cancelled.connect(self._letter_cancelled)
        self.job = workers.start(job)

    def _letter_done(self, plan_ref: str, out: str) -> None:
        self.job = None
        self.update_enabled()
        self.page.ctx.status_message.emit(
            f"Feedback for {plan_ref}'s caseworker written to {Path(out).name}.")
        self.feedback_written.emit(out)

    def _letter_cancelled(self) -> None:
        self.job = None
        self.update_enabled()

    def _letter_failed(self, message: str) -> None:
        self.job = None
        self.update_enabled()
        self.feedback_failed.emit(message)
        QMessageBox.warning(self.page.as_widget(), "Feedback not written",
                            f"The letter for the caseworker was not written.\n\n{message}")

    # ------------------------------------------------------------ exemplars

    def mark_exemplar(self) -> None:
        """Mark the plan as an exemplar with the panel's reason."""
        target = self._target()
        if target is None:
            return
        session, plan_ref = target
        reason = ask_exemplar_reason(self.page.as_widget(), plan_ref)
        if reason is None:
            return
        try:
            exemplars.mark_exemplar(self.page.ctx.db, session, plan_ref, reason, self._actor())
        except UserError as exc:
            database_actions.show_user_error(self.page.as_widget(), "Not marked", exc)
            return
        self.page.ctx.status_message.emit(f"{plan_ref} marked as an exemplar.")
        self.page.notify("exemplars")

    def tag_good_practice(self) -> None:
        """Tag an excerpt of the plan as good practice against a question (approved later)."""
        target = self._target()
        rubric = self.page.rubric
        if target is None or rubric is None:
            return
        session, plan_ref = target
        questions = [(q.id, f"{q.id} — {q.text}") for q in rubric.questions()]
        answer = ask_good_practice(self.page.as_widget(), plan_ref, questions)
        if answer is None:
            return
        question_id, text = answer
        try:
            exemplars.add_good_practice(self.page.ctx.db, session, plan_ref, question_id, text,
                                        self._actor())
        except UserError as exc:
            database_actions.show_user_error(self.page.as_widget(), "Not tagged", exc)
            return
        self.page.ctx.status_message.emit(
            f"Good practice tagged on {plan_ref} ({question_id}); approve it in the library.")
        self.page.notify("exemplars")
