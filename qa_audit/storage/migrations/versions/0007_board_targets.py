"""the council's board targets in the database

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 20:10:00

* ``board_target``: the dated schedule of the council's own targets for the SEND
  board's measures (20-week plans, advice within 6 weeks, reviews on time, families
  satisfied...): one row per (kpi, from date) with the percent in force from then.
  They used to live in a ``board-targets.json`` on each computer, so two members'
  scorecards could judge the same quarter against different targets.
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'board_target',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kpi', sa.String(length=40), nullable=False),
        sa.Column('from_date', sa.Date(), nullable=False),
        sa.Column('percent', sa.Float(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by', sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint('id', name='pk_board_target'),
        sa.UniqueConstraint('kpi', 'from_date', name='uq_board_target_kpi'),
    )


def downgrade() -> None:
    op.drop_table('board_target')
