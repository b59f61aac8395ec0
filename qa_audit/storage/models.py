"""The whole domain as SQLAlchemy 2 typed ORM tables.

Plans are identified by a pseudonymous ``plan_ref`` only: there is no column
for a child's name or date of birth anywhere. Rows that two people can edit at
once (sessions, plans, agreed audits, actions) carry ``version`` so a
conflicting save raises ``StaleDataError`` instead of overwriting silently.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # every model maps one Table (SQLAlchemy types it as the wider FromClause)
    __table__: ClassVar[Table]


class Versioned:
    """Optimistic locking: the ORM bumps ``version`` and checks it on UPDATE."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(120))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:  # noqa: N805 - SQLAlchemy passes the class
        # cls is the mapped class (a Base), which mypy cannot see from this mixin
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Rubric(Base):
    __tablename__ = "rubric"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    versions: Mapped[list[RubricVersion]] = relationship(
        back_populates="rubric", order_by="RubricVersion.version"
    )


class RubricVersion(Base):
    __tablename__ = "rubric_version"
    __table_args__ = (UniqueConstraint("rubric_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rubric_id: Mapped[str] = mapped_column(ForeignKey("rubric.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    content_json: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    source_text: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    imported_by: Mapped[str | None] = mapped_column(String(120))
    rubric: Mapped[Rubric] = relationship(back_populates="versions")


class Plan(Versioned, Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_ref: Mapped[str] = mapped_column(String(64), unique=True)
    issue_date: Mapped[dt.date] = mapped_column(Date, index=True)
    request_date: Mapped[dt.date | None] = mapped_column(Date)
    plan_type: Mapped[str] = mapped_column(String(16), default="new")
    year_group: Mapped[int | None] = mapped_column(Integer)
    phase: Mapped[str | None] = mapped_column(String(16))
    primary_need: Mapped[str | None] = mapped_column(String(8))
    setting: Mapped[str | None] = mapped_column(String(200))
    setting_type: Mapped[str | None] = mapped_column(String(100))
    team: Mapped[str | None] = mapped_column(String(100))
    caseworker: Mapped[str | None] = mapped_column(String(120))
    direct_payments: Mapped[bool | None] = mapped_column(Boolean)
    # a Regulation 13(3) exception: the 20-week limit did not apply (None: not stated)
    exception: Mapped[bool | None] = mapped_column(Boolean)
    # the council's own columns (plans import --field): JSON object, name -> text
    custom_fields: Mapped[str | None] = mapped_column(Text)


# plan references compare case-insensitively: ABC1 and abc1 are one plan
Index("uq_plan_ref_lower", func.lower(Plan.plan_ref), unique=True)


class AdviceRequest(Base):
    __tablename__ = "advice_request"
    __table_args__ = (UniqueConstraint("plan_id", "service", "requested_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    service: Mapped[str] = mapped_column(String(32), index=True)
    requested_date: Mapped[dt.date] = mapped_column(Date, index=True)
    received_date: Mapped[dt.date | None] = mapped_column(Date)


class AuditSession(Versioned, Base):
    __tablename__ = "audit_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    session_date: Mapped[dt.date] = mapped_column(Date, index=True)
    rubric_version_id: Mapped[int] = mapped_column(ForeignKey("rubric_version.id"))
    status: Mapped[str] = mapped_column(String(16), default="planning")
    # how the sample was drawn, so the panel can show an inspector
    sample_settings_json: Mapped[str | None] = mapped_column(Text)
    sample_seed: Mapped[int | None] = mapped_column(Integer)
    sample_eligible: Mapped[int | None] = mapped_column(Integer)
    sample_drawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    rubric_version: Mapped[RubricVersion] = relationship()
    members: Mapped[list[PanelMember]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="PanelMember.id"
    )
    sample: Mapped[list[SampleEntry]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SampleEntry.position"
    )


class PanelMember(Base):
    __tablename__ = "panel_member"
    __table_args__ = (UniqueConstraint("session_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("audit_session.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    agency: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16), default="auditor")
    can_moderate: Mapped[bool] = mapped_column(Boolean, default=False)
    # the OS account that acts as this member (None: not bound; anyone may)
    os_account: Mapped[str | None] = mapped_column(String(120))
    session: Mapped[AuditSession] = relationship(back_populates="members")


class ProxyGrant(Base):
    """The chair's approval for another OS account to act as a bound member."""

    __tablename__ = "proxy_grant"
    __table_args__ = (UniqueConstraint("member_id", "os_account"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_member.id", ondelete="CASCADE"), index=True)
    os_account: Mapped[str] = mapped_column(String(120))
    approved_by: Mapped[str] = mapped_column(String(120))
    approved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SampleEntry(Base):
    """One plan drawn into a session's sample; on an ``advice_return`` rubric, one advice
    request (``advice_request_id``), so two returns of one plan may be drawn."""

    __tablename__ = "sample_entry"
    __table_args__ = (
        Index("uq_sample_entry_plan", "session_id", "plan_id", unique=True,
              sqlite_where=text("advice_request_id IS NULL"),
              postgresql_where=text("advice_request_id IS NULL")),
        Index("uq_sample_entry_return", "session_id", "advice_request_id", unique=True,
              sqlite_where=text("advice_request_id IS NOT NULL"),
              postgresql_where=text("advice_request_id IS NOT NULL")),
        Index("ix_sample_entry_session_id", "session_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("audit_session.id", ondelete="CASCADE"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    # the advice request drawn (samples of advice returns; None: the plan as a whole)
    advice_request_id: Mapped[int | None] = mapped_column(ForeignKey("advice_request.id"))
    position: Mapped[int] = mapped_column(Integer)
    stratum: Mapped[str | None] = mapped_column(String(120))
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("sample_entry.id"))
    # drawn because of an open re-audit action (ahead of the random draw)
    reaudit_action_id: Mapped[int | None] = mapped_column(ForeignKey("action.id"))
    session: Mapped[AuditSession] = relationship(back_populates="sample")
    plan: Mapped[Plan] = relationship()


class Audit(Versioned, Base):
    """One auditor's scoring of one plan in one session; ``is_panel`` = agreed scores.

    On a rubric whose ``unit`` is ``advice_return`` an audit judges one advice request
    (``advice_request_id``), so one auditor may audit several returns of a plan in a
    session: the key is then (session, advice request, auditor)."""

    __tablename__ = "audit"
    __table_args__ = (
        Index("uq_audit_plan_auditor", "session_id", "plan_id", "auditor", unique=True,
              sqlite_where=text("advice_request_id IS NULL"),
              postgresql_where=text("advice_request_id IS NULL")),
        Index("uq_audit_return_auditor", "session_id", "advice_request_id", "auditor",
              unique=True, sqlite_where=text("advice_request_id IS NOT NULL"),
              postgresql_where=text("advice_request_id IS NOT NULL")),
        Index("ix_audit_plan_session", "plan_id", "session_id"),
        Index("ix_audit_session_plan", "session_id", "plan_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("audit_session.id", ondelete="CASCADE"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"))
    # the advice request judged, on an ``advice_return`` rubric (None: the plan as a whole)
    advice_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("advice_request.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("panel_member.id"))
    auditor: Mapped[str] = mapped_column(String(120))
    is_panel: Mapped[bool] = mapped_column(Boolean, default=False)
    agency: Mapped[str | None] = mapped_column(String(64))
    audit_date: Mapped[dt.date | None] = mapped_column(Date)
    overall: Mapped[int | None] = mapped_column(Integer)
    overall_rationale: Mapped[str | None] = mapped_column(Text)  # agreed grade: why it differs
    status: Mapped[str] = mapped_column(String(16), default="draft")
    strengths: Mapped[str | None] = mapped_column(Text)
    development: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    answers: Mapped[list[Answer]] = relationship(
        back_populates="audit", cascade="all, delete-orphan"
    )
    themes: Mapped[list[ThemeTag]] = relationship(
        back_populates="audit", cascade="all, delete-orphan"
    )


class Answer(Base):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("audit_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(String(16))  # option code, "NA" or scale number
    note: Mapped[str | None] = mapped_column(Text)
    rationale: Mapped[str | None] = mapped_column(Text)  # agreed answers: why it differs
    client_id: Mapped[str | None] = mapped_column(String(40))  # idempotent retries
    reason: Mapped[str | None] = mapped_column(String(64))  # rubric reason code
    audit: Mapped[Audit] = relationship(back_populates="answers")
    attributions: Mapped[list[ShortfallAttribution]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", order_by="ShortfallAttribution.id"
    )


class ShortfallAttribution(Base):
    """An agency whose advice or work a shortfall answer is attributed to (one row each)."""

    __tablename__ = "shortfall_attribution"
    __table_args__ = (
        UniqueConstraint("answer_id", "agency", name="uq_shortfall_attribution_answer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"))
    agency: Mapped[str] = mapped_column(String(64), index=True)
    answer: Mapped[Answer] = relationship(back_populates="attributions")


def set_attributions(answer: Answer, agencies: list[str] | tuple[str, ...]) -> None:
    """Make the answer's attributed agencies exactly ``agencies`` (order kept, no repeats),
    keeping rows that stay so an unchanged attribution writes nothing."""
    wanted = list(dict.fromkeys(a for a in agencies if a))
    for row in list(answer.attributions):
        if row.agency not in wanted:
            answer.attributions.remove(row)
    have = {row.agency for row in answer.attributions}
    for agency in wanted:
        if agency not in have:
            answer.attributions.append(ShortfallAttribution(agency=agency))


class ThemeTag(Base):
    __tablename__ = "theme_tag"
    __table_args__ = (UniqueConstraint("audit_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"))
    theme_id: Mapped[str] = mapped_column(String(64), index=True)
    question_id: Mapped[str | None] = mapped_column(String(64))
    excerpt: Mapped[str | None] = mapped_column(Text)
    approved_excerpt: Mapped[str | None] = mapped_column(Text)  # redacted, approved for quoting
    approved_by: Mapped[str | None] = mapped_column(String(120))
    audit: Mapped[Audit] = relationship(back_populates="themes")


class Action(Versioned, Base):
    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("audit_session.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id"))
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(120))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")
    # the plan is to be audited again in a later session on the same rubric id
    reaudit: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ChangeLog(Base):
    """Append-only record of who changed what (member or user, OS account, machine,
    before/after); entries of entity ``seal`` record protected rows' digests."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(120))
    machine: Mapped[str] = mapped_column(String(120))
    entity: Mapped[str] = mapped_column(String(40))
    entity_key: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # who really did it: the OS account running the app (user_name is the member acted
    # as); proxy: an account acting for a bound member with the chair's approval
    os_user: Mapped[str | None] = mapped_column(String(120))
    proxy: Mapped[bool | None] = mapped_column(Boolean)


class Presence(Base):
    """Heartbeat of who has the database open now (rows older than a minute are stale)."""

    __tablename__ = "presence"
    __table_args__ = (UniqueConstraint("user_name", "machine"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(120))
    machine: Mapped[str] = mapped_column(String(120))
    activity: Mapped[str | None] = mapped_column(String(200))
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class StoreRevision(Base):
    """One row whose counter every write bumps (``Database.write``): the cheap, portable
    signal ``services.live`` polls so screens refresh when someone else saves."""

    __tablename__ = "store_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger, default=0)


class AnnualReview(Versioned, Base):
    """One annual review of a plan (``reviews import``); key: plan + due date."""

    __tablename__ = "annual_review"
    __table_args__ = (UniqueConstraint("plan_id", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    meeting_date: Mapped[dt.date | None] = mapped_column(Date)
    decision: Mapped[str | None] = mapped_column(String(16))  # maintain | amend | cease
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    amended_issue_date: Mapped[dt.date | None] = mapped_column(Date)
    child_attended: Mapped[bool | None] = mapped_column(Boolean)


class Feedback(Versioned, Base):
    """One response from a parent or carer, a young person or a setting about a plan.

    ``comments`` may hold personal data: reports quote only ``approved_excerpt``, a
    redacted excerpt someone approved (as with evidence excerpts)."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("plan_id", "respondent", "response_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    respondent: Mapped[str] = mapped_column(String(16))  # parent_carer | young_person | setting
    response_date: Mapped[dt.date] = mapped_column(Date, index=True)
    stage: Mapped[str] = mapped_column(String(16), default="new_plan")
    rating: Mapped[int | None] = mapped_column(Integer)  # 1-5, 5 = very satisfied
    felt_listened_to: Mapped[str | None] = mapped_column(String(8))  # yes | partly | no
    comments: Mapped[str | None] = mapped_column(Text)
    approved_excerpt: Mapped[str | None] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(String(120))
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ScorecardNarrative(Versioned, Base):
    """What the QA lead writes beside a quarter's scorecard for one rubric id."""

    __tablename__ = "scorecard_narrative"
    __table_args__ = (UniqueConstraint("rubric_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rubric_id: Mapped[str] = mapped_column(String(64))
    quarter: Mapped[str] = mapped_column(String(7))  # YYYY-Qn
    working_well: Mapped[str | None] = mapped_column(Text)
    even_better_if: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)


class BoardTarget(Versioned, Base):
    """One step of the council's target schedule for a SEND board measure
    (``domain.board.BOARD_MEASURES``): ``percent`` is in force from ``from_date``."""

    __tablename__ = "board_target"
    __table_args__ = (UniqueConstraint("kpi", "from_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi: Mapped[str] = mapped_column(String(40))
    from_date: Mapped[dt.date] = mapped_column(Date)
    percent: Mapped[float] = mapped_column(Float)


class Exemplar(Base):
    """A plan the panel marked as an example of good practice, and why."""

    __tablename__ = "exemplar"
    __table_args__ = (UniqueConstraint("session_id", "plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("audit_session.id", ondelete="CASCADE"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    marked_by: Mapped[str] = mapped_column(String(120))
    marked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class GoodPractice(Base):
    """An excerpt of a plan tagged as good practice against one rubric question.

    ``text`` is what was entered (it may name people); reports and the trainers'
    library quote only ``approved_text``, redacted and approved by someone."""

    __tablename__ = "good_practice"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("audit_session.id", ondelete="CASCADE"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    approved_text: Mapped[str | None] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(String(120))
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TrainingEvent(Base):
    """Training given on a date about some questions of a rubric id, so the themes
    report can compare those questions' shortfall rates before and after it."""

    __tablename__ = "training_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    rubric_id: Mapped[str] = mapped_column(String(64))
    event_date: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    question_ids: Mapped[str] = mapped_column(Text)  # JSON list of question ids
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RedactionTerm(Base):
    """A name or phrase reports must redact, kept with the panel's data (not per computer)."""

    __tablename__ = "redaction_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(200), unique=True)
    added_by: Mapped[str] = mapped_column(String(120))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
