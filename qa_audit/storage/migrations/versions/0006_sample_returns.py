"""the DCO's samples of advice returns

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 17:10:00

* ``sample_entry.advice_request_id``: a session on an ``advice_return`` rubric samples
  advice requests, so two returns of one plan may be drawn into one sample. The old
  unique constraint (session, plan) becomes two partial unique indexes, as for audits:
  (session, plan) for plan samples, (session, advice request) for samples of returns
  (the table is rebuilt on SQLite).
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sample_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('advice_request_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_sample_entry_advice_request_id_advice_request', 'advice_request',
            ['advice_request_id'], ['id'])
        batch_op.drop_constraint('uq_sample_entry_session_id', type_='unique')
    op.create_index('ix_sample_entry_session_id', 'sample_entry', ['session_id'])
    op.create_index('uq_sample_entry_plan', 'sample_entry', ['session_id', 'plan_id'],
                    unique=True, sqlite_where=sa.text('advice_request_id IS NULL'),
                    postgresql_where=sa.text('advice_request_id IS NULL'))
    op.create_index('uq_sample_entry_return', 'sample_entry',
                    ['session_id', 'advice_request_id'], unique=True,
                    sqlite_where=sa.text('advice_request_id IS NOT NULL'),
                    postgresql_where=sa.text('advice_request_id IS NOT NULL'))


def downgrade() -> None:
    # samples of returns have no place in the old key
    op.execute("DELETE FROM sample_entry WHERE advice_request_id IS NOT NULL")
    op.drop_index('uq_sample_entry_return', table_name='sample_entry')
    op.drop_index('uq_sample_entry_plan', table_name='sample_entry')
    op.drop_index('ix_sample_entry_session_id', table_name='sample_entry')
    with op.batch_alter_table('sample_entry', schema=None) as batch_op:
        batch_op.drop_constraint('fk_sample_entry_advice_request_id_advice_request',
                                 type_='foreignkey')
        batch_op.drop_column('advice_request_id')
        batch_op.create_unique_constraint('uq_sample_entry_session_id',
                                          ['session_id', 'plan_id'])
