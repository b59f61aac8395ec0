"""CLI commands for reports and for approving the excerpts reports may quote.

    qa-audit report key-issues --session NAME [--by FIELD] --out F.pdf [--xlsx F] [--json F]
    qa-audit report trend|health|themes --from YYYY-MM --to YYYY-MM --out F.pdf
                                        [--xlsx F] [--json F]
    qa-audit report answers --from YYYY-MM --to YYYY-MM --out F.xlsx|F.csv [--rubric ID]
    qa-audit excerpts list [--json]
    qa-audit excerpts approve ID [--text T]
    qa-audit excerpts withdraw ID

``report trend`` covers one rubric id (any of its versions): ``--rubric ID``, else
the rubric of the latest session dated in the period (CONTRACT.md v2); sessions on
other rubrics are left out and counted. ``report themes`` takes ``--rubric ID`` to
keep to one rubric's sessions (default: every session in the period).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from qa_audit.cli import answers, board
from qa_audit.cli.output import write_report
from qa_audit.services.actor import Actor


def cmd_report_key_issues(args: argparse.Namespace) -> int:
    from qa_audit.services import reports
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    return write_report(args, "key-issues", reports.key_issues(db, args.session, by=args.by), db)


def cmd_report_trend(args: argparse.Namespace) -> int:
    from qa_audit.services import reports
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    figures = reports.trend(db, args.from_month, args.to_month, rubric_id=args.rubric,
                            by=args.by)
    return write_report(args, "trend", figures, db)


def cmd_report_health(args: argparse.Namespace) -> int:
    from qa_audit.services import reports
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    return write_report(args, "health", reports.health(db, args.from_month, args.to_month), db)


def cmd_report_themes(args: argparse.Namespace) -> int:
    from qa_audit.services import reports
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    figures = reports.themes(db, args.from_month, args.to_month, rubric_id=args.rubric,
                             by=args.by)
    return write_report(args, "themes", figures, db)


def cmd_excerpts_list(args: argparse.Namespace) -> int:
    from qa_audit.services import excerpts
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    items = excerpts.pending_excerpts(db)
    if args.json:
        sys.stdout.write(json.dumps([e.to_json() for e in items], indent=2,
                                    ensure_ascii=False) + "\n")
        return 0
    if not items:
        print("No excerpts are waiting for approval.")
        return 0
    for e in items:
        print(f"[{e.id}] {e.session} / {e.plan_ref} / {e.theme_id}"
              f"{f' ({e.question_id})' if e.question_id else ''}, by {e.auditor}")
        print(f"    suggested: {e.suggested}")
    print(f"{len(items)} excerpt{'s' * (len(items) != 1)} waiting. Approve one with "
          "'qa-audit excerpts approve ID' (or --text to reword it).")
    return 0


def cmd_excerpts_approve(args: argparse.Namespace) -> int:
    from qa_audit.services import excerpts
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    done = excerpts.approve_excerpt(db, args.id, args.text, Actor.current())
    print(f"Approved for quoting ({done.plan_ref}, {done.theme_id}): {done.text}")
    return 0


def cmd_excerpts_withdraw(args: argparse.Namespace) -> int:
    from qa_audit.services import excerpts
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    excerpts.withdraw_excerpt(db, args.id, Actor.current())
    print(f"Excerpt {args.id} will no longer be quoted in reports.")
    return 0


def _outputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="F.pdf", help="the PDF to write")
    p.add_argument("--xlsx", metavar="F.xlsx", help="also write the figures as a workbook")
    p.add_argument("--json", metavar="F.json", help="also write the figures as JSON")


def register(sub: argparse._SubParsersAction, add: Callable[..., argparse.ArgumentParser]) -> None:
    rep = sub.add_parser("report", help="write a report (PDF, with XLSX/JSON figures)",
                         description="write a report (PDF, with XLSX/JSON figures)")
    rsub = rep.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    p = add("key-issues", cmd_report_key_issues, "key issues report of one session", rsub)
    p.add_argument("--session", required=True, metavar="NAME")
    p.add_argument("--by", metavar="FIELD",
                   help="also break percent good down by a plan field (team, caseworker, phase, "
                   "primary_need, setting_type, plan_type, year_group, direct_payments or a "
                   "custom plan field)")
    _outputs(p)
    for name, handler, what, by_rubric in (
        ("trend", cmd_report_trend, "quality over time against target", True),
        ("health", cmd_report_health, "DCO health-advice deep dive", False),
        ("themes", cmd_report_themes, "themes for trainers, with redacted excerpts", True),
    ):
        p = add(name, handler, what, rsub)
        p.add_argument("--from", dest="from_month", required=True, metavar="YYYY-MM")
        p.add_argument("--to", dest="to_month", required=True, metavar="YYYY-MM")
        if by_rubric:
            p.add_argument("--rubric", metavar="ID", help=(
                "the one rubric reported (default: that of the latest session in the period)"
                if name == "trend" else "only sessions on this rubric (default: all)"))
            p.add_argument("--by", metavar="FIELD", help="also break down by a plan field "
                           "(team, caseworker, ...), with n and the 95% interval")
        _outputs(p)
    board.register_reports(rsub, add, _outputs)
    answers.register(rsub, add)

    exc = sub.add_parser("excerpts", help="approve evidence excerpts for quoting in reports",
                         description="approve evidence excerpts for quoting in reports")
    esub = exc.add_subparsers(dest="excerpts_command", metavar="ACTION", required=True)
    p = add("list", cmd_excerpts_list, "excerpts waiting for approval, with a suggested "
            "redaction", esub)
    p.add_argument("--json", action="store_true")
    p = add("approve", cmd_excerpts_approve, "approve an excerpt (redacted) for reports", esub)
    p.add_argument("id", type=int)
    p.add_argument("--text", help="approve this wording instead (it is redacted too)")
    p = add("withdraw", cmd_excerpts_withdraw, "stop quoting an approved excerpt", esub)
    p.add_argument("id", type=int)
