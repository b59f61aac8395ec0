"""CLI for what the SEND board's reports are judged by and may quote.

    qa-audit targets list [--json]
    qa-audit targets set KPI --from YYYY-MM-DD --percent P
    qa-audit targets remove KPI --from YYYY-MM-DD
    qa-audit targets import [FILE]          # a board-targets.json (default: this computer's)
    qa-audit feedback list --plan REF [--json]
    qa-audit feedback approve --plan REF --respondent R --date D [--excerpt TEXT]
    qa-audit feedback withdraw --plan REF --respondent R --date D

Registered by ``cli.board.register_imports``. Every change goes through the same
services as the Scorecard page's targets editor and the plan's Reviews and feedback
tab, and is in the change log.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from qa_audit.cli.output import emit
from qa_audit.errors import UserError
from qa_audit.services.actor import Actor

__all__ = ["register_feedback", "register_targets"]

_Add = Callable[..., argparse.ArgumentParser]


def _day(text: str, what: str) -> dt.date:
    from qa_audit.importing.values import parse_date

    try:
        day = parse_date(text)
    except ValueError:
        day = None
    if day is None:
        raise UserError(f"{what}: expected a date such as 2026-04-01 or 01/04/2026, "
                        f"not {text!r}.")
    return day


def cmd_targets_list(args: argparse.Namespace) -> int:
    from qa_audit.services import board_targets
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    board_targets.import_local_file(db, Actor.current())
    rows = board_targets.list_targets(db)
    text = "\n".join(f"{r.kpi}: {r.percent:g}% from {r.from_date:%d/%m/%Y}" for r in rows)
    emit(args, [r.to_json() for r in rows], text or "No board targets are set.")
    return 0


def cmd_targets_set(args: argparse.Namespace) -> int:
    from qa_audit.services import board_targets
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    day = _day(args.from_date, "--from")
    changed = board_targets.set_target(db, args.kpi, day, args.percent, Actor.current())
    print(f"{args.kpi}: {args.percent:g}% from {day:%d/%m/%Y}"
          + ("." if changed else " (already set; nothing changed)."))
    return 0


def cmd_targets_remove(args: argparse.Namespace) -> int:
    from qa_audit.services import board_targets
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    day = _day(args.from_date, "--from")
    if not board_targets.remove_target(db, args.kpi, day, Actor.current()):
        raise UserError(f"{args.kpi} has no target from {day:%d/%m/%Y}.")
    print(f"{args.kpi}: the target from {day:%d/%m/%Y} is removed.")
    return 0


def cmd_targets_import(args: argparse.Namespace) -> int:
    from qa_audit import paths
    from qa_audit.services import board_targets
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    path = Path(args.file) if args.file else paths.data_dir() / board_targets.TARGETS_FILE
    if not path.exists():
        raise UserError(f"{path}: no such file.")
    added = board_targets.import_file(db, path, Actor.current())
    print(f"{added} target step(s) added from {path}.")
    return 0


def _feedback_id(db: object, args: argparse.Namespace) -> int:
    from qa_audit.services.plan_board import feedback_id

    return feedback_id(db, args.plan, args.respondent,  # type: ignore[arg-type]  # a Database
                       _day(args.date, "--date"))


def cmd_feedback_list(args: argparse.Namespace) -> int:
    from qa_audit.services.plan_board import feedback_for_plan
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    rows = feedback_for_plan(db, args.plan)
    data = [{"respondent": r.respondent, "date": r.date.isoformat(), "stage": r.stage,
             "rating": r.rating, "felt_listened_to": r.felt_listened_to,
             "has_comments": r.has_comments, "approved_excerpt": r.approved_excerpt,
             "approved_by": r.approved_by,
             "approved_at": r.approved_at.isoformat() if r.approved_at else None}
            for r in rows]
    text = "\n".join(
        f"{r.date:%d/%m/%Y} {r.respondent}: rating {r.rating or '-'}; "
        + (f"approved excerpt by {r.approved_by}: {r.approved_excerpt}" if r.approved_excerpt
           else "comments not approved for quoting" if r.has_comments else "no comments")
        for r in rows)
    emit(args, data, text or f"No feedback about {args.plan}.")
    return 0


def cmd_feedback_approve(args: argparse.Namespace) -> int:
    from qa_audit.services.plan_board import approve_feedback_excerpt
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    approved = approve_feedback_excerpt(db, _feedback_id(db, args), args.excerpt,
                                        Actor.current())
    print(f"Approved for quoting (redacted): {approved}")
    return 0


def cmd_feedback_withdraw(args: argparse.Namespace) -> int:
    from qa_audit.services.plan_board import withdraw_feedback_excerpt
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    done = withdraw_feedback_excerpt(db, _feedback_id(db, args), Actor.current())
    print("The approved excerpt is withdrawn; reports no longer quote it." if done
          else "No excerpt of that response was approved.")
    return 0


def register_targets(sub: argparse._SubParsersAction, add: _Add) -> None:
    """``targets list|set|remove|import``."""
    from qa_audit.domain.board import BOARD_MEASURES

    group = sub.add_parser("targets", help="the council's targets for the board's measures",
                           description="the council's targets for the SEND board's measures, "
                           "dated schedules kept in the database")
    tsub = group.add_subparsers(dest="targets_command", metavar="ACTION", required=True)
    p = add("list", cmd_targets_list, "every stored target step", tsub)
    p.add_argument("--json", action="store_true")
    for name, handler, what in (("set", cmd_targets_set, "set a measure's target from a date"),
                                ("remove", cmd_targets_remove, "remove a target step")):
        p = add(name, handler, what, tsub)
        p.add_argument("kpi", choices=list(BOARD_MEASURES), metavar="KPI",
                       help="one of: " + ", ".join(BOARD_MEASURES))
        p.add_argument("--from", dest="from_date", required=True, metavar="YYYY-MM-DD")
        if name == "set":
            p.add_argument("--percent", type=float, required=True, metavar="P")
    p = add("import", cmd_targets_import, "add the steps of a board-targets.json", tsub)
    p.add_argument("file", nargs="?", help="default: this computer's board-targets.json")


def register_feedback(gsub: argparse._SubParsersAction, add: _Add) -> None:
    """``feedback list|approve|withdraw`` beside ``feedback import``."""
    p = add("list", cmd_feedback_list,
            "a plan's responses (never their comments) and approved excerpts", gsub)
    p.add_argument("--plan", required=True, metavar="REF")
    p.add_argument("--json", action="store_true")
    for name, handler, what in (
        ("approve", cmd_feedback_approve,
         "approve an excerpt of a response's comments for reports (redacted)"),
        ("withdraw", cmd_feedback_withdraw, "withdraw a response's approved excerpt"),
    ):
        p = add(name, handler, what, gsub)
        p.add_argument("--plan", required=True, metavar="REF")
        p.add_argument("--respondent", required=True,
                       choices=["parent_carer", "young_person", "setting"])
        p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
        if name == "approve":
            p.add_argument("--excerpt", metavar="TEXT",
                           help="the words to quote, from the comments ('...' where words "
                           "are left out; default: the whole comments)")
