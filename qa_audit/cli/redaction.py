"""CLI commands for the redaction list kept in the database (not per computer).

    qa-audit redaction list [--json]
    qa-audit redaction add TERM [TERM ...]
    qa-audit redaction remove TERM [TERM ...]

Every report, export and excerpt approval masks these names as ``[name]``; each
addition and removal is in the change log with who made it. The Reports page's
Redaction names tab edits the same list.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from qa_audit.services.actor import Actor

__all__ = ["register"]


def cmd_list(args: argparse.Namespace) -> int:
    from qa_audit.services import redaction_terms
    from qa_audit.services.store import database

    names = redaction_terms.for_reports(database.open_existing(args.db))
    if args.json:
        sys.stdout.write(json.dumps(list(names), indent=2, ensure_ascii=False) + "\n")
    elif not names:
        print("The redaction list is empty.")
    for name in [] if args.json else names:
        print(name)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from qa_audit.services import redaction_terms
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    for term in args.terms:
        added = redaction_terms.add_term(db, term, Actor.current())
        print(f"{'Added' if added else 'Already listed'}: {' '.join(term.split())}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from qa_audit.services import redaction_terms
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    missing = 0
    for term in args.terms:
        if redaction_terms.remove_term(db, term, Actor.current()):
            print(f"Removed: {term}")
        else:
            missing += 1
            sys.stderr.write(f"Not on the redaction list: {term}\n")
    return 1 if missing else 0


def register(sub: argparse._SubParsersAction,
             add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add ``redaction list|add|remove`` to the parser."""
    text = "the names every report redacts, kept in the database"
    red = sub.add_parser("redaction", help=text, description=text)
    rsub = red.add_subparsers(dest="redaction_command", metavar="ACTION", required=True)
    p = add("list", cmd_list, "the names reports mask as [name]", rsub)
    p.add_argument("--json", action="store_true")
    p = add("add", cmd_add, "add names (logged with who)", rsub)
    p.add_argument("terms", nargs="+", metavar="TERM")
    p = add("remove", cmd_remove, "remove names (logged with who)", rsub)
    p.add_argument("terms", nargs="+", metavar="TERM")
