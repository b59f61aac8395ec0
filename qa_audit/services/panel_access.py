"""Binding panel members to OS accounts, the chair's proxies, and the check every save
acting as a member goes through (the rule itself: ``domain.permissions``).

Binding and approving proxies are the chair's acts: when the chair is bound, only the
chair's account (or a proxy the chair approved for the chair) may make them; while the
chair is unbound, roles are advisory and anyone may, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_audit.domain.permissions import may_act_as, same_account
from qa_audit.errors import NotFound, UserError
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.services.sessions import ensure_writable, find_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database


class NotYourAccount(UserError):
    """This OS account may not act as that member."""


@dataclass(frozen=True)
class MemberAccess:
    member: str
    role: str
    os_account: str | None
    proxies: tuple[str, ...]


def proxies_of(s: Session, member_id: int) -> list[str]:
    return list(s.scalars(select(m.ProxyGrant.os_account)
                          .where(m.ProxyGrant.member_id == member_id)))


def acting_as(s: Session, member: m.PanelMember, base: Actor | None = None) -> Actor:
    """The actor for a save as ``member`` by this process's OS account; refused when the
    member is bound to another account that is not an approved proxy."""
    base = base or Actor.current()
    proxies: list[str] = []
    if member.os_account is not None and not same_account(member.os_account, base.os_user):
        proxies = proxies_of(s, member.id)
    verdict = may_act_as(member.name, member.os_account, base.os_user, proxies)
    if not verdict.allowed:
        raise NotYourAccount(verdict.reason)
    return base.acting_as(member.name, proxy=verdict.proxy)


def _as_chair(s: Session, row: m.AuditSession) -> Actor:
    chairs = [p for p in row.members if p.role == "chair"]
    if not chairs:
        return Actor.current()  # no chair yet: advisory, as before binding existed
    refusals = []
    for chair in chairs:
        try:
            return acting_as(s, chair)
        except NotYourAccount as exc:
            refusals.append(str(exc))
    raise NotYourAccount("Only the chair binds members and approves proxies. "
                         + refusals[0])


def _member(row: m.AuditSession, name: str) -> m.PanelMember:
    member = next((p for p in row.members if p.name == name), None)
    if member is None:
        raise NotFound(f"{name} is not on the panel of {row.name!r}.")
    return member


def bind(db: Database, session_name: str, member_name: str, account: str | None) -> None:
    """Bind ``member_name`` to the OS ``account`` (None: unbind); a chair's act."""
    if account is not None and not account.strip():
        raise UserError("Give the OS account name to bind the member to.")
    with db.write() as s:
        row = find_session(s, session_name)
        ensure_writable(row)
        actor = _as_chair(s, row)
        member = _member(row, member_name)
        before = member.os_account
        member.os_account = account.strip() if account else None
        changelog.record(s, actor, "panel_member", f"{row.name}/{member.name}",
                         "bind" if account else "unbind",
                         before={"os_account": before}, after={"os_account": member.os_account})


def approve_proxy(db: Database, session_name: str, member_name: str, account: str,
                  *, revoke: bool = False) -> None:
    """Let ``account`` act as the bound ``member_name`` (or stop it); a chair's act."""
    account = account.strip()
    if not account:
        raise UserError("Give the OS account the proxy is for.")
    with db.write() as s:
        row = find_session(s, session_name)
        ensure_writable(row)
        actor = _as_chair(s, row)
        member = _member(row, member_name)
        grant = s.scalar(select(m.ProxyGrant).where(m.ProxyGrant.member_id == member.id,
                                                    m.ProxyGrant.os_account == account))
        if revoke:
            if grant is None:
                raise NotFound(f"{account} is not a proxy for {member.name}.")
            s.delete(grant)
        elif grant is None:
            s.add(m.ProxyGrant(member_id=member.id, os_account=account,
                               approved_by=actor.user))
        changelog.record(s, actor, "proxy", f"{row.name}/{member.name}/{account}",
                         "revoke" if revoke else "approve",
                         after={"os_account": account, "member": member.name})


def access(db: Database, session_name: str) -> list[MemberAccess]:
    """Each member's bound account and proxies (for the CLI and the sessions page)."""
    with db.read() as s:
        row = find_session(s, session_name)
        grants: dict[int, list[str]] = {}
        for member_id, account in s.execute(
                select(m.ProxyGrant.member_id, m.ProxyGrant.os_account)
                .join(m.PanelMember).where(m.PanelMember.session_id == row.id)
                .order_by(m.ProxyGrant.os_account)):
            grants.setdefault(member_id, []).append(account)
        return [MemberAccess(p.name, p.role, p.os_account, tuple(grants.get(p.id, ())))
                for p in row.members]
