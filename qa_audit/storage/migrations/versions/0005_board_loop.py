"""the board, the DCO and the loop: advice-return audits, reviews, feedback, scorecard
narratives, re-audits, exemplars, good practice, training dates, the redaction list,
and plan references unique whatever their case

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 17:00:00

* ``plan.exception``: a Regulation 13(3) exception (the 20-week limit did not apply).
* ``uq_plan_ref_lower``: one plan per reference compared case-insensitively. A store
  that already holds two references differing only in case keeps them (nothing is
  merged behind anyone's back); the index is then left out and ``db check`` names them.
* ``audit.advice_request_id``: on an ``advice_return`` rubric an audit judges one
  advice request; the audit key becomes (session, plan, auditor) for plan audits and
  (session, advice request, auditor) for advice-return audits (two partial unique
  indexes replace the old unique constraint; the table is rebuilt on SQLite).
* ``action.reaudit`` and ``sample_entry.reaudit_action_id``: re-audits.
* New tables: ``annual_review``, ``feedback``, ``scorecard_narrative``, ``exemplar``,
  ``good_practice``, ``training_event``, ``redaction_term``.
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def _versioned() -> list[sa.Column]:
    return [
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by', sa.String(length=120), nullable=True),
    ]


def _case_duplicates(bind: sa.engine.Connection) -> int:
    return bind.execute(sa.text(
        "SELECT COUNT(*) FROM (SELECT lower(plan_ref) FROM plan "
        "GROUP BY lower(plan_ref) HAVING COUNT(*) > 1) AS d")).scalar_one()


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column('plan', sa.Column('exception', sa.Boolean(), nullable=True))
    if not _case_duplicates(bind):
        op.create_index('uq_plan_ref_lower', 'plan', [sa.text('lower(plan_ref)')], unique=True)

    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('advice_request_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_audit_advice_request_id_advice_request', 'advice_request',
            ['advice_request_id'], ['id'])
        batch_op.drop_constraint('uq_audit_session_id', type_='unique')
    op.create_index('ix_audit_advice_request_id', 'audit', ['advice_request_id'])
    # a session's audits are read by session: the old unique constraint's index served that
    op.create_index('ix_audit_session_plan', 'audit', ['session_id', 'plan_id'])
    op.create_index('uq_audit_plan_auditor', 'audit', ['session_id', 'plan_id', 'auditor'],
                    unique=True, sqlite_where=sa.text('advice_request_id IS NULL'),
                    postgresql_where=sa.text('advice_request_id IS NULL'))
    op.create_index('uq_audit_return_auditor', 'audit',
                    ['session_id', 'advice_request_id', 'auditor'], unique=True,
                    sqlite_where=sa.text('advice_request_id IS NOT NULL'),
                    postgresql_where=sa.text('advice_request_id IS NOT NULL'))

    op.add_column('action', sa.Column('reaudit', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('sample_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reaudit_action_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_sample_entry_reaudit_action_id_action', 'action',
                                    ['reaudit_action_id'], ['id'])

    op.create_table(
        'annual_review',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=False),
        sa.Column('meeting_date', sa.Date(), nullable=True),
        sa.Column('decision', sa.String(length=16), nullable=True),
        sa.Column('decision_date', sa.Date(), nullable=True),
        sa.Column('amended_issue_date', sa.Date(), nullable=True),
        sa.Column('child_attended', sa.Boolean(), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(['plan_id'], ['plan.id'],
                                name='fk_annual_review_plan_id_plan', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name='pk_annual_review'),
        sa.UniqueConstraint('plan_id', 'due_date', name='uq_annual_review_plan_id'),
    )
    op.create_index('ix_annual_review_due_date', 'annual_review', ['due_date'])
    op.create_table(
        'feedback',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('respondent', sa.String(length=16), nullable=False),
        sa.Column('response_date', sa.Date(), nullable=False),
        sa.Column('stage', sa.String(length=16), nullable=False),
        sa.Column('rating', sa.Integer(), nullable=True),
        sa.Column('felt_listened_to', sa.String(length=8), nullable=True),
        sa.Column('comments', sa.Text(), nullable=True),
        sa.Column('approved_excerpt', sa.Text(), nullable=True),
        sa.Column('approved_by', sa.String(length=120), nullable=True),
        sa.Column('approved_at', sa.DateTime(), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(['plan_id'], ['plan.id'],
                                name='fk_feedback_plan_id_plan', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name='pk_feedback'),
        sa.UniqueConstraint('plan_id', 'respondent', 'response_date',
                            name='uq_feedback_plan_id'),
    )
    op.create_index('ix_feedback_response_date', 'feedback', ['response_date'])
    op.create_table(
        'scorecard_narrative',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rubric_id', sa.String(length=64), nullable=False),
        sa.Column('quarter', sa.String(length=7), nullable=False),
        sa.Column('working_well', sa.Text(), nullable=True),
        sa.Column('even_better_if', sa.Text(), nullable=True),
        sa.Column('next_steps', sa.Text(), nullable=True),
        *_versioned(),
        sa.PrimaryKeyConstraint('id', name='pk_scorecard_narrative'),
        sa.UniqueConstraint('rubric_id', 'quarter', name='uq_scorecard_narrative_rubric_id'),
    )
    op.create_table(
        'exemplar',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('marked_by', sa.String(length=120), nullable=False),
        sa.Column('marked_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['audit_session.id'],
                                name='fk_exemplar_session_id_audit_session',
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name='fk_exemplar_plan_id_plan'),
        sa.PrimaryKeyConstraint('id', name='pk_exemplar'),
        sa.UniqueConstraint('session_id', 'plan_id', name='uq_exemplar_session_id'),
    )
    op.create_index('ix_exemplar_plan_id', 'exemplar', ['plan_id'])
    op.create_table(
        'good_practice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.String(length=64), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('approved_text', sa.Text(), nullable=True),
        sa.Column('approved_by', sa.String(length=120), nullable=True),
        sa.Column('approved_at', sa.DateTime(), nullable=True),
        sa.Column('created_by', sa.String(length=120), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['audit_session.id'],
                                name='fk_good_practice_session_id_audit_session',
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name='fk_good_practice_plan_id_plan'),
        sa.PrimaryKeyConstraint('id', name='pk_good_practice'),
    )
    op.create_index('ix_good_practice_plan_id', 'good_practice', ['plan_id'])
    op.create_index('ix_good_practice_question_id', 'good_practice', ['question_id'])
    op.create_table(
        'training_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rubric_id', sa.String(length=64), nullable=False),
        sa.Column('event_date', sa.Date(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('question_ids', sa.Text(), nullable=False),
        sa.Column('created_by', sa.String(length=120), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_training_event'),
    )
    op.create_table(
        'redaction_term',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('term', sa.String(length=200), nullable=False),
        sa.Column('added_by', sa.String(length=120), nullable=False),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_redaction_term'),
        sa.UniqueConstraint('term', name='uq_redaction_term_term'),
    )


def downgrade() -> None:
    for table in ('redaction_term', 'training_event', 'good_practice', 'exemplar',
                  'scorecard_narrative', 'feedback', 'annual_review'):
        op.drop_table(table)
    with op.batch_alter_table('sample_entry', schema=None) as batch_op:
        batch_op.drop_constraint('fk_sample_entry_reaudit_action_id_action', type_='foreignkey')
        batch_op.drop_column('reaudit_action_id')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_column('reaudit')
    # advice-return audits have no place in the old key
    op.execute("DELETE FROM audit WHERE advice_request_id IS NOT NULL")
    op.drop_index('uq_audit_return_auditor', table_name='audit')
    op.drop_index('uq_audit_plan_auditor', table_name='audit')
    op.drop_index('ix_audit_advice_request_id', table_name='audit')
    op.drop_index('ix_audit_session_plan', table_name='audit')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_constraint('fk_audit_advice_request_id_advice_request',
                                 type_='foreignkey')
        batch_op.drop_column('advice_request_id')
        batch_op.create_unique_constraint('uq_audit_session_id',
                                          ['session_id', 'plan_id', 'auditor'])
    op.execute("DROP INDEX IF EXISTS uq_plan_ref_lower")
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('exception')
