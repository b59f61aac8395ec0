"""nothing changes without trace: OS account and proxy in the change log, members bound
to OS accounts, chair-approved proxies, and a first seal of the protected rows

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 15:00:00

* ``change_log.os_user`` / ``proxy``: the OS account that made each change (the
  ``user_name`` column keeps the member acted as), and whether it acted as a proxy.
  Added with plain ``ADD COLUMN`` (not batch mode), so the append-only triggers stay.
* ``panel_member.os_account``: the OS account bound to the member.
* ``proxy_grant``: another OS account the chair allowed to act as a bound member.
* (After the upgrade reaches head) one ``seal`` entry with the digest of every audit, answer, attribution and theme
  row as it stands at the upgrade (``services.seals``), so ``db check`` can tell
  later edits made outside the app.
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('change_log', sa.Column('os_user', sa.String(length=120), nullable=True))
    op.add_column('change_log', sa.Column('proxy', sa.Boolean(), nullable=True))
    op.add_column('panel_member', sa.Column('os_account', sa.String(length=120),
                                            nullable=True))
    op.create_table(
        'proxy_grant',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('os_account', sa.String(length=120), nullable=False),
        sa.Column('approved_by', sa.String(length=120), nullable=False),
        sa.Column('approved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['panel_member.id'],
                                name=op.f('fk_proxy_grant_member_id_panel_member'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_proxy_grant')),
        sa.UniqueConstraint('member_id', 'os_account',
                            name=op.f('uq_proxy_grant_member_id')),
    )
    op.create_index(op.f('ix_proxy_grant_member_id'), 'proxy_grant', ['member_id'],
                    unique=False)
    # The first seal of an older store's rows is taken once the upgrade reaches head
    # (storage.migrate.initialise), where the ORM tables the seal reads match the schema.


def downgrade() -> None:
    op.drop_index(op.f('ix_proxy_grant_member_id'), table_name='proxy_grant')
    op.drop_table('proxy_grant')
    with op.batch_alter_table('panel_member', schema=None) as batch_op:
        batch_op.drop_column('os_account')
    # plain DROP COLUMN (SQLite 3.35+), not batch mode: the triggers stay
    op.drop_column('change_log', 'proxy')
    op.drop_column('change_log', 'os_user')
