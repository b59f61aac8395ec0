"""store revision: one counter every write bumps, so screens know when to refresh

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        'store_revision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('n', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_store_revision')),
    )
    op.bulk_insert(table, [{'id': 1, 'n': 0}])


def downgrade() -> None:
    op.drop_table('store_revision')
