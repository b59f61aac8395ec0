"""``qa-audit db ...`` commands for keeping the database safe: backups, restore, the
explicit upgrade, retention deletions; and ``db check`` printing the change-log
chain head.

Registered from ``cli.entry.build_parser`` with one line after the existing ``db``
commands: ``cli_db.register(dsub, add)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from qa_audit.errors import UserError
from qa_audit.services.actor import Actor

Add = Callable[..., argparse.ArgumentParser]


def _passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase of an encrypted database file: QA_AUDIT_PASSPHRASE or a prompt;
    None for a plain file, a new file or a server.

    Never taken from the command line (it would show in process lists and shell history).
    """
    from qa_audit.services.store.database import target_for
    from qa_audit.storage import encryption

    path = target_for(args.db).path
    if path is None or not (encryption.needs_passphrase(path)
                            and encryption.looks_encrypted(path)):
        return None
    value = encryption.passphrase_from_env()
    if value:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"{path.name} is encrypted: set QA_AUDIT_PASSPHRASE or run "
                        "interactively to be asked for the passphrase.")
    import getpass

    return getpass.getpass("Passphrase: ")


def _db_path(args: argparse.Namespace) -> Path:
    from qa_audit.services.store.database import target_for

    target = target_for(args.db)
    if target.path is None:
        raise UserError("This command works on a database file; a server database is backed "
                        "up and restored with the server's own tools (pg_dump / pg_restore).")
    return target.path


def cmd_check(args: argparse.Namespace) -> int:
    """Integrity, foreign keys, change-log chain; prints the chain head when healthy."""
    from qa_audit.services.store import database
    from qa_audit.services.store.integrity import chain_head_of

    passphrase = _passphrase(args)
    report = database.check(args.db, passphrase=passphrase)
    if not report.healthy:
        raise UserError(f"Database check failed: {report.problems[0]}", report.problems[1:])
    head, entries = chain_head_of(args.db, passphrase=passphrase)
    print("Database is healthy: integrity, foreign keys and change log all ok.")
    print(f"Change log: {entries} entries; chain head {head}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from qa_audit.storage import backups

    path = _db_path(args)
    if args.now:
        from qa_audit.services.store.database import open_existing

        db = open_existing(args.db, passphrase=_passphrase(args))
        try:
            made = backups.make_backup(db, kind="manual")
        finally:
            db.dispose()
        print(f"Backup written and verified: {made}")
    found = backups.list_backups(path)
    if not found:
        print(f"No automatic backups of {path.name} yet (folder "
              f"{backups.backup_folder(path)}).")
        return 0
    print(f"Automatic backups of {path} (newest first):")
    for info in found:
        print("  " + info.describe())
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from qa_audit.storage import backups

    path = _db_path(args)
    result = backups.restore(Path(args.backup), path, passphrase=_passphrase(args))
    print(f"Restored {path} from {args.backup}.")
    if result.moved_aside is not None:
        print(f"The previous file was kept as {result.moved_aside} (nothing was deleted).")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """``db backup DEST``: an encrypted database's copy is encrypted with its passphrase."""
    from qa_audit.services.store import database

    dest = database.backup(args.db, Path(args.dest), passphrase=_passphrase(args))
    print(f"Backup written and verified: {dest}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from qa_audit.services.store.database import migrate_database

    result = migrate_database(args.db, Actor.current(), for_sharing=args.for_sharing,
                              passphrase=_passphrase(args))
    print(f"Database {_db_path(args) if args.db is None or '://' not in args.db else args.db}: "
          f"{result.describe()}")
    return 0


def cmd_delete_plan_audits(args: argparse.Namespace) -> int:
    from qa_audit.services.store.database import open_existing
    from qa_audit.services.store.retention import delete_plan_audits

    if not args.yes:
        raise UserError("This permanently deletes audits; add --yes to confirm.")
    issued_before = dt.date.fromisoformat(args.issued_before) if args.issued_before else None
    passphrase = _passphrase(args)
    db = open_existing(args.db, passphrase=passphrase)
    try:
        result = delete_plan_audits(db, args.plan_refs, Actor.current(),
                                    issued_before=issued_before, delete_plans=args.delete_plans,
                                    also_backups=args.also_backups, passphrase=passphrase)
    finally:
        db.dispose()
    print(result.describe())
    return 0


def register(dsub: argparse._SubParsersAction, add: Add) -> None:
    """Add the commands to ``qa-audit db`` (and make ``db check`` print the chain head)."""
    if "check" in dsub.choices:
        dsub.choices["check"].set_defaults(handler=cmd_check)
    else:
        add("check", cmd_check, "integrity, foreign-key and change-log check (read-only)", dsub)
    if "backup" in dsub.choices:
        dsub.choices["backup"].set_defaults(handler=cmd_backup)
    p = add("backups", cmd_backups, "list the automatic backups of the database", dsub)
    p.add_argument("--now", action="store_true", help="make a verified backup now first")
    p = add("restore", cmd_restore,
            "put a backup in place of the database (the current file is kept aside)", dsub)
    p.add_argument("backup", help="backup file (see 'db backups')")
    p = add("migrate", cmd_migrate,
            "back up, then upgrade the database (and make a shared file safe for sharing)", dsub)
    p.add_argument("--for-sharing", action="store_true",
                   help="switch a local file to a rollback journal before moving it to a share")
    p = add("delete-plan-audits", cmd_delete_plan_audits,
            "retention: permanently delete plans' audits (optionally the plans too)", dsub)
    p.add_argument("plan_refs", nargs="*", metavar="PLAN_REF")
    p.add_argument("--issued-before", metavar="YYYY-MM-DD",
                   help="every plan issued before this date")
    p.add_argument("--delete-plans", action="store_true",
                   help="also delete the plans and their advice records")
    p.add_argument("--also-backups", action="store_true",
                   help="apply the same deletion to the automatic backups")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
