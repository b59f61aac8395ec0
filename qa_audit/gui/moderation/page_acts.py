"""The Moderation page's other acts: an action for the plan, designating moderators,
reopening a closed session (the chair, with a reason kept in the change log)."""

from __future__ import annotations

from qa_audit.domain import permissions
from qa_audit.errors import UserError
from qa_audit.gui import database_actions
from qa_audit.gui.moderation.screen import Screen
from qa_audit.gui.pages import moderation_dialogs, status_guard_dialog
from qa_audit.services import actions, agreed, sessions
from qa_audit.services.actor import Actor


def add_action(page: Screen) -> None:
    """"Add action…": record an action for the current plan."""
    if page.info is None or page.plan_ref is None:
        return
    try:
        owners = actions.owners(page.ctx.db)
    except UserError as exc:
        database_actions.show_user_error(page.as_widget(), "Action not added", exc)
        return
    new = moderation_dialogs.ask_new_action(page.as_widget(), plan_ref=page.plan_ref, owners=owners,
                                            today=page.today())
    if new is None:
        return
    member = page.current_member()
    actor = Actor(member.name if member else page.ctx.actor.user, page.ctx.actor.machine)
    try:
        actions.add_action(page.ctx.db, page.info.name, new.text, actor,
                           plan_ref=page.plan_ref, owner=new.owner, due_date=new.due_date)
    except UserError as exc:
        database_actions.show_user_error(page.as_widget(), "Action not added", exc)
        return
    page.ctx.status_message.emit(f"Action added for {page.plan_ref}.")
    page.load_plan(page.item, reload_session=True)
    page.notify("actions")


def designate(page: Screen) -> None:
    """The chair chooses who else may record agreed scores."""
    member = page.current_member()
    if page.info is None or member is None or member.role != "chair":
        return
    changes = moderation_dialogs.ask_designation(page.as_widget(), page.info.members)
    if not changes:
        return
    try:
        for name, allowed in changes.items():
            agreed.designate_moderator(page.ctx.db, page.info.name, member.name, name,
                                        allowed)
    except UserError as exc:
        database_actions.show_user_error(page.as_widget(), "Not changed", exc)
    page.load_plan(page.item, reload_session=True)
    page.notify("sessions")


def reopen_session(page: Screen) -> bool:
    """The chair reopens a closed session, giving a reason (kept in the change log)."""
    member = page.current_member()
    if page.info is None or not page.info.read_only or member is None \
            or not permissions.may_reopen(member.role):
        return False
    reason = status_guard_dialog.ask_reopen_reason(page.as_widget(), page.info.name)
    if reason is None:
        return False
    try:
        sessions.reopen(page.ctx.db, page.info.name, member.name, reason, page.ctx.actor)
    except UserError as exc:
        database_actions.show_user_error(page.as_widget(), "Not reopened", exc)
        return False
    page.load_plan(page.item, reload_session=True)
    page.notify("sessions")
    return True
