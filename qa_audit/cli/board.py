"""CLI commands for the SEND board: annual reviews, feedback, timeliness, the scorecard.

    qa-audit reviews import FILE [--map FIELD=HEADER ...] [--json]
    qa-audit feedback import FILE [--map FIELD=HEADER ...] [--json]
    qa-audit report timeliness --from YYYY-MM --to YYYY-MM --out F.pdf [--xlsx F] [--json F]
    qa-audit report scorecard --from YYYY-MM --to YYYY-MM [--rubric ID] --out F.pdf
                              [--xlsx F] [--json F]
    qa-audit scorecard narrative --quarter YYYY-Qn [--rubric ID] [--working-well T]
                                 [--even-better-if T] [--next-steps T] [--json]

``targets`` and ``feedback list|approve|withdraw``: :mod:`qa_audit.cli.board_admin`.

Registered by ``cli.workflow.register`` (imports, narrative) and
``cli.reports.register`` (reports), one module of the CLI package.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from qa_audit.cli import board_admin
from qa_audit.cli.output import emit, write_report
from qa_audit.services.actor import Actor

__all__ = ["register_imports", "register_reports"]

_Add = Callable[..., argparse.ArgumentParser]


def _mapping(pairs: list[str] | None) -> dict[str, str]:
    from qa_audit.importing.headers import parse_map_args

    return {k.lower(): v for k, v in parse_map_args(pairs).items()}


def cmd_reviews_import(args: argparse.Namespace) -> int:
    from qa_audit.services.board_import import import_reviews
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    result = import_reviews(db, Path(args.file), _mapping(args.map), Actor.current())
    emit(args, result.as_json(), result.describe("Annual reviews"))
    return 0


def cmd_feedback_import(args: argparse.Namespace) -> int:
    from qa_audit.services.board_import import import_feedback
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    result = import_feedback(db, Path(args.file), _mapping(args.map), Actor.current())
    emit(args, result.as_json(), result.describe("Feedback responses"))
    return 0


def cmd_report_timeliness(args: argparse.Namespace) -> int:
    from qa_audit.services import board_reports
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    return write_report(args, "timeliness",
                  board_reports.timeliness(db, args.from_month, args.to_month), db)


def cmd_report_scorecard(args: argparse.Namespace) -> int:
    from qa_audit.services import board_reports
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    figures = board_reports.scorecard(db, args.from_month, args.to_month, rubric_id=args.rubric)
    return write_report(args, "scorecard", figures, db)


def cmd_scorecard_narrative(args: argparse.Namespace) -> int:
    from qa_audit.services import scorecard_narrative
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    given = {k: v for k, v in (("working_well", args.working_well),
                               ("even_better_if", args.even_better_if),
                               ("next_steps", args.next_steps)) if v is not None}
    if given:
        note = scorecard_narrative.save_narrative(db, args.rubric, args.quarter, given,
                                                  Actor.current())
    else:
        note = scorecard_narrative.get_narrative(db, args.rubric, args.quarter)
    emit(args, note.to_json(), note.describe())
    return 0


def register_imports(sub: argparse._SubParsersAction, add: _Add) -> None:
    """``reviews import``, ``feedback import`` and ``scorecard narrative``."""
    for kind, handler, what in (
        ("reviews", cmd_reviews_import, "annual reviews"),
        ("feedback", cmd_feedback_import, "parent, young person and setting feedback"),
    ):
        group = sub.add_parser(kind, help=f"import {what}", description=f"import {what}")
        gsub = group.add_subparsers(dest=f"{kind}_command", metavar="ACTION", required=True)
        p = add("import", handler, f"import {what} (CSV or XLSX; all or nothing)", gsub)
        p.add_argument("file")
        p.add_argument("--map", action="append", metavar="FIELD=HEADER",
                       help="use the column HEADER for FIELD (repeatable)")
        p.add_argument("--json", action="store_true", help="print counts as JSON")
        if kind == "feedback":
            board_admin.register_feedback(gsub, add)
    board_admin.register_targets(sub, add)
    card = sub.add_parser("scorecard", help="the quarterly scorecard's narrative",
                          description="the quarterly scorecard's narrative")
    csub = card.add_subparsers(dest="scorecard_command", metavar="ACTION", required=True)
    p = add("narrative", cmd_scorecard_narrative,
            "show, or set with the options, a quarter's narrative for one rubric", csub)
    p.add_argument("--quarter", required=True, metavar="YYYY-Qn")
    p.add_argument("--rubric", metavar="ID",
                   help="the rubric id (default: that of the latest session)")
    p.add_argument("--working-well", metavar="TEXT", help="what's working well")
    p.add_argument("--even-better-if", metavar="TEXT", help="even better if")
    p.add_argument("--next-steps", metavar="TEXT", help="next steps")
    p.add_argument("--json", action="store_true")


def register_reports(rsub: argparse._SubParsersAction, add: _Add,
                     outputs: Callable[[argparse.ArgumentParser], None]) -> None:
    """``report timeliness`` and ``report scorecard`` under the ``report`` group;
    ``outputs`` adds the reports' --out/--xlsx/--json options."""

    p = add("timeliness", cmd_report_timeliness,
            "statutory timeliness: 20-week plans, 6-week advice, annual reviews", rsub)
    p.add_argument("--from", dest="from_month", required=True, metavar="YYYY-MM")
    p.add_argument("--to", dest="to_month", required=True, metavar="YYYY-MM")
    outputs(p)
    p = add("scorecard", cmd_report_scorecard, "the SEND board's one-page scorecard, by quarter",
            rsub)
    p.add_argument("--from", dest="from_month", required=True, metavar="YYYY-MM")
    p.add_argument("--to", dest="to_month", required=True, metavar="YYYY-MM")
    p.add_argument("--rubric", metavar="ID",
                   help="the one rubric reported (default: that of the latest session in the "
                   "period)")
    outputs(p)
