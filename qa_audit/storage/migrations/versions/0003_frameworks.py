"""councils' frameworks: custom plan fields, several agencies per shortfall, reason codes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 14:00:00

* ``plan.custom_fields``: the council's own plan columns (``plans import --field``)
  as a JSON object of text values, e.g. ``{"looked_after": "yes"}``.
* ``shortfall_attribution``: one row per (answer, agency) instead of one per answer,
  so a shortfall can be attributed to several agencies (Kingston's shares).
* ``answer.reason``: the rubric's reason code for a shortfall or an N/A answer.
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('custom_fields', sa.Text(), nullable=True))
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.String(length=64), nullable=True))
    with op.batch_alter_table('shortfall_attribution', schema=None) as batch_op:
        batch_op.drop_constraint('uq_shortfall_attribution_answer_id', type_='unique')
        batch_op.create_unique_constraint(
            'uq_shortfall_attribution_answer_id', ['answer_id', 'agency']
        )


def downgrade() -> None:
    # keep the first agency of each answer so the old one-per-answer rule holds again
    op.execute(
        "DELETE FROM shortfall_attribution WHERE id NOT IN "
        "(SELECT MIN(id) FROM shortfall_attribution GROUP BY answer_id)"
    )
    with op.batch_alter_table('shortfall_attribution', schema=None) as batch_op:
        batch_op.drop_constraint('uq_shortfall_attribution_answer_id', type_='unique')
        batch_op.create_unique_constraint('uq_shortfall_attribution_answer_id', ['answer_id'])
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_column('reason')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('custom_fields')
