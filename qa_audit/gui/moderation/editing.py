"""Recording the agreed column: edits become undoable changes, shown at once, saved behind.

Every edit (a typed key, a pick from a cell's list, a grade button, "agree where
unanimous", a rationale) becomes ``AgreedChange``s pushed on the page's undo
stack as one ``AgreeCommand``. Applying one updates the grid's rows in place
(``update_view``: no reset, the cursor stays) and queues one save job on the
``AgreedSaver``. Outcomes come back in order: once no save is pending the
session is read again for the plan list and figures; a conflict asks the user
(keep theirs or overwrite), never overwriting silently.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from qa_audit.domain.audit import AuditRecord
from qa_audit.domain.items import ItemKey
from qa_audit.gui import database_actions
from qa_audit.gui.moderation.agreeing import (
    AgreedChange,
    AgreedState,
    agreed_state,
    apply_to_view,
)
from qa_audit.gui.moderation.commands import AgreeCommand
from qa_audit.gui.moderation.page_setup import apply_permissions
from qa_audit.gui.moderation.presenter import (
    OVERALL_KEY,
    clip,
    describe_answer,
    describe_grade,
)
from qa_audit.gui.moderation.saving import Outcome, SaveJob
from qa_audit.gui.moderation.screen import Screen
from qa_audit.gui.pages import moderation_dialogs
from qa_audit.gui.pages.moderation_dialogs import OVERWRITE, Conflict
from qa_audit.services import agreed, session_data
from qa_audit.services.moderation import AgreedAnswer, AgreedGrade, save_agreed

log = logging.getLogger(__name__)


def _grade(value: str | None) -> int | None:
    return int(value) if value else None


class AgreedEditor:
    """The page's agreed edits: undo commands, in-place display, queued saves."""

    def __init__(self, page: Screen) -> None:
        self.page = page
        self._skipped: list[SaveJob] = []

    # ------------------------------------------------------------ making changes

    def change(self, key: str, after: AgreedState, text: str) -> bool:
        """Push one row's change (nothing when it is already so)."""
        view = self.page.view
        if view is None or self.page.item is None:
            return False
        before = agreed_state(view.row(key))
        if before == after:
            return False
        self.push([AgreedChange(key, before, after)], text)
        return True

    def push(self, changes: Sequence[AgreedChange], text: str) -> None:
        page = self.page
        assert page.item is not None
        page.undo_stack.push(AgreeCommand(page, page.item, changes, text))

    def apply(self, plan_ref: ItemKey, changes: Sequence[AgreedChange]) -> None:
        """Show ``changes`` at once (the rows in place) and queue their save."""
        page = self.page
        if page.view is None or plan_ref != page.item or not changes:
            return
        page.view = apply_to_view(page.view, changes)
        page.grid_model.update_view(page.view, page.rubric, page.can_edit())
        page.apply_row_filter()
        overall = [c for c in changes if c.is_overall]
        if overall:
            if overall[-1].after.rationale != overall[-1].before.rationale and page.info:
                page.overall_rationales[(page.info.name, plan_ref)] = \
                    overall[-1].after.rationale or ""
            page.panel.fill_overall()
            apply_permissions(page)
        self._submit(plan_ref, changes)

    # ------------------------------------------------------------ saving

    def _submit(self, plan_ref: ItemKey, changes: Sequence[AgreedChange]) -> None:
        page = self.page
        assert page.info is not None
        session, moderator, db = page.info.name, page.moderator(), page.ctx.db
        answers = tuple(
            AgreedAnswer(c.key, c.after.value, c.after.agencies, c.after.reason,
                         rationale=(c.after.rationale or "")
                         if c.after.rationale != c.before.rationale else None,
                         note=c.after.note)
            for c in changes if not c.is_overall)
        grade = next((AgreedGrade(_grade(c.after.value),
                                  (c.after.rationale or "")
                                  if c.after.rationale != c.before.rationale else None)
                      for c in changes if c.is_overall), None)

        def save(version: int) -> int:
            return save_agreed(db, session, plan_ref, moderator, answers, grade,
                               expected_version=version)

        self.submit(SaveJob(plan_ref, save, self._what(changes), self._mine(changes),
                            lambda panel: self._theirs(changes, panel)))

    def submit(self, job: SaveJob) -> None:
        self.page.saver.submit(job, self.page.box)
        self.page.show_save_state()

    def _what(self, changes: Sequence[AgreedChange]) -> str:
        if len(changes) > 1:
            return f"{len(changes)} agreed answers"
        c = changes[0]
        return "the agreed overall grade" if c.is_overall else f"the agreed answer to {c.key}"

    def _describe(self, key: str, value: object, rationale: str | None, with_why: bool) -> str:
        rubric = self.page.rubric
        text = (describe_grade(rubric, value) if key == OVERALL_KEY
                else describe_answer(rubric, key, value))
        return f"{text} (rationale: {rationale or 'blank'})" if with_why else text

    def _mine(self, changes: Sequence[AgreedChange]) -> str:
        return "; ".join(self._describe(c.key, c.after.value, c.after.rationale,
                                        c.after.rationale != c.before.rationale)
                         for c in changes[:3]) + ("; …" if len(changes) > 3 else "")

    def _theirs(self, changes: Sequence[AgreedChange], panel: AuditRecord | None) -> str:
        shown = []
        for c in changes[:3]:
            why = c.after.rationale != c.before.rationale
            if panel is None:
                shown.append(self._describe(c.key, None, None, why))
            elif c.is_overall:
                shown.append(self._describe(c.key, panel.overall, None, why))
            else:
                shown.append(self._describe(c.key, panel.answers.get(c.key),
                                            panel.rationales.get(c.key), why))
        return "; ".join(shown) + ("; …" if len(changes) > 3 else "")

    def save_texts(self, strengths: str, development: str,
                   themes: dict[str, str | None]) -> None:
        """Queue the agreed themes, strengths and areas for development together."""
        page = self.page
        assert page.info is not None
        assert page.item is not None
        session, plan, moderator = page.info.name, page.item, page.moderator()
        db = page.ctx.db

        def save(version: int) -> int:
            return agreed.save_agreed_texts(db, session, plan, moderator,
                                             strengths=strengths, development=development,
                                             themes=themes, expected_version=version)

        def describe(theme_ids: object, good: str | None, develop: str | None) -> str:
            labels = ", ".join(sorted(theme_ids)) or "none"  # type: ignore[call-overload]
            return (f"themes: {labels}; strengths: {clip(good or '-', 60)}; "
                    f"development: {clip(develop or '-', 60)}")

        def theirs(panel: AuditRecord | None) -> str:
            if panel is None:
                return describe((), None, None)
            return describe(panel.theme_ids, panel.strengths, panel.development)

        self.submit(SaveJob(plan, save,
                            "the agreed themes, strengths or areas for development",
                            describe(themes, strengths, development), theirs))

    # ------------------------------------------------------------ outcomes

    def on_outcome(self, outcome: Outcome) -> None:
        """One save's outcome, in the GUI thread, in order."""
        page = self.page
        if outcome.skipped:
            self._skipped.append(outcome.job)
            return
        if outcome.conflict is not None:
            self._resolve(outcome)
            return
        if outcome.error is not None:
            self._skipped.clear()
            database_actions.show_user_error(page.as_widget(), "Not saved", outcome.error)
            page.refresh_after_saves()
            page.save_finished.emit(False)
            return
        if page.saver.idle:
            page.refresh_after_saves()
            page.notify("audits")
        page.save_finished.emit(True)

    def _resolve(self, outcome: Outcome) -> None:
        page, exc, job = self.page, outcome.conflict, outcome.job
        assert exc is not None
        log.info("moderation conflict on %s: %s", job.what, exc.message)
        page.saver.queue.flush(page.as_widget())  # the plan's later saves come back skipped
        conflict = Conflict(job.what, exc.changed_by, exc.changed_at,
                            job.theirs(self._fresh_panel(job.plan_ref)), job.mine)
        again, self._skipped = self._skipped, []
        page.box.blocked = False
        if moderation_dialogs.ask_conflict(page.as_widget(), conflict) != OVERWRITE:
            page.undo_stack.clear()  # the undo history no longer matches what is saved
            page.refresh_after_saves()
            page.save_finished.emit(False)
            return
        page.box.version = exc.current_version
        for retry in (job, *again):
            self.submit(retry)

    def _fresh_panel(self, plan_ref: ItemKey) -> AuditRecord | None:
        """The agreed row as saved now (for a conflict question)."""
        page = self.page
        if page.info is None:
            return None
        fresh = session_data.load_session(page.ctx.db, page.info.name)
        return next((a for a in fresh.audits if a.is_panel and a.item == plan_ref), None)

