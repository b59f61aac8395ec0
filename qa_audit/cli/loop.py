"""CLI commands for closing the loop: the panel's actions and the caseworker's letter.

    qa-audit actions add --session NAME --plan REF --text T [--owner O] [--due YYYY-MM-DD]
                         [--reaudit]
    qa-audit actions list [--json]
    qa-audit actions close ID
    qa-audit report plan-feedback --session NAME --plan REF --out F.pdf [--json F]
    qa-audit exemplars mark|add-practice|approve-practice|add-training|list

Kept in its own module (registered by the entry point) so the loop's commands move
with the CLI's layout without touching the other command modules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import asdict

from qa_audit.services.actor import Actor

__all__ = ["register"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def cmd_actions_add(args: argparse.Namespace) -> int:
    from qa_audit.services import actions
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    action_id = actions.add_action(db, args.session, args.text, Actor.current(),
                                   plan_ref=args.plan, owner=args.owner, due_date=args.due,
                                   reaudit=args.reaudit)
    again = " The plan will be drawn into the next sample on this rubric." if args.reaudit else ""
    print(f"Action {action_id} added to {args.session!r} for plan {args.plan}.{again}")
    return 0


def cmd_actions_list(args: argparse.Namespace) -> int:
    from qa_audit.services import actions
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    records = [v.record for v in actions.list_actions(db)]
    if args.json:
        sys.stdout.write(json.dumps([r.to_json() for r in records], indent=2,
                                    ensure_ascii=False) + "\n")
        return 0
    if not records:
        print("No actions yet.")
    for r in records:
        due = f" due {r.due_date:%d/%m/%Y}" if r.due_date else ""
        again = ""
        if r.reaudit:
            again = (f" [re-audit: grade {r.reaudit_grade} in {r.reaudit_session}]"
                     if r.reaudit_session else " [re-audit pending]")
        print(f"{r.id}\t{r.status}\t{r.session}\t{r.plan_ref or ''}\t{r.text}"
              f"{f' ({r.owner})' if r.owner else ''}{due}{again}")
    return 0


def cmd_actions_close(args: argparse.Namespace) -> int:
    from qa_audit.services import actions
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    record = actions.close_action(db, args.id, Actor.current())
    print(f"Action {record.id} ({record.plan_ref or record.session}) is done.")
    return 0


def cmd_report_plan_feedback(args: argparse.Namespace) -> int:
    from qa_audit.reporting.render import generate
    from qa_audit.services import plan_feedback, reports
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    figures = plan_feedback.feedback(db, args.session, args.plan)
    result = generate("plan-feedback", figures, args.out, json_path=args.json,
                      meta=reports.report_meta(db))
    print(figures.headline())
    print(result.describe())
    return 0


def cmd_exemplars_mark(args: argparse.Namespace) -> int:
    from qa_audit.services import exemplars
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    exemplars.mark_exemplar(db, args.session, args.plan, args.reason, Actor.current())
    print(f"{args.plan} ({args.session}) is in the exemplar library.")
    return 0


def cmd_exemplars_add_practice(args: argparse.Namespace) -> int:
    from qa_audit.services import exemplars
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    gp = exemplars.add_good_practice(db, args.session, args.plan, args.question, args.text,
                                     Actor.current())
    print(f"Good-practice excerpt {gp} recorded; approve it with "
          f"'qa-audit exemplars approve-practice {gp}' before reports quote it.")
    return 0


def cmd_exemplars_approve_practice(args: argparse.Namespace) -> int:
    from qa_audit.services import exemplars
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    text = exemplars.approve_good_practice(db, args.id, args.text, Actor.current())
    print(f"Approved for quoting: {text}")
    return 0


def cmd_exemplars_add_training(args: argparse.Namespace) -> int:
    from qa_audit.services import exemplars
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    exemplars.add_training(db, args.rubric, args.date, args.title, args.question,
                           Actor.current())
    print(f"Training on {args.date:%d/%m/%Y} recorded for {', '.join(args.question)}.")
    return 0


def cmd_exemplars_list(args: argparse.Namespace) -> int:
    from qa_audit.services import exemplars
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    data = {"exemplars": [asdict(e) for e in exemplars.exemplars(db)],
            "good_practice": [asdict(g) for g in exemplars.good_practice(db)],
            "training": [asdict(t) for t in exemplars.trainings(db)]}
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
        return 0
    for e in data["exemplars"]:
        print(f"exemplar\t{e['session']}\t{e['plan_ref']}\t{e['reason']}")
    for g in data["good_practice"]:
        state = "approved" if g["approved"] else "waiting"
        print(f"practice {g['id']}\t{state}\t{g['question_id']}\t{g['plan_ref']}\t{g['text']}")
    for tr in data["training"]:
        print(f"training\t{tr['date']}\t{tr['rubric_id']}\t{tr['title']}\t"
              f"{', '.join(tr['question_ids'])}")
    return 0


def _register_exemplars(sub: argparse._SubParsersAction,
                        add: Callable[..., argparse.ArgumentParser]) -> None:
    lib = sub.add_parser("exemplars", help="the exemplar library: exemplars, good practice, "
                         "training dates", description="the exemplar library")
    esub = lib.add_subparsers(dest="exemplars_command", metavar="ACTION", required=True)
    p = add("mark", cmd_exemplars_mark, "mark a plan of a session as an exemplar", esub)
    p.add_argument("--session", required=True, metavar="NAME")
    p.add_argument("--plan", required=True, metavar="REF")
    p.add_argument("--reason", required=True, metavar="T")
    p = add("add-practice", cmd_exemplars_add_practice,
            "tag an excerpt as good practice against a rubric question", esub)
    p.add_argument("--session", required=True, metavar="NAME")
    p.add_argument("--plan", required=True, metavar="REF")
    p.add_argument("--question", required=True, metavar="ID")
    p.add_argument("--text", required=True, metavar="T")
    p = add("approve-practice", cmd_exemplars_approve_practice,
            "approve a good-practice excerpt (redacted) for reports", esub)
    p.add_argument("id", type=int)
    p.add_argument("--text", help="approve this wording instead (it is redacted too)")
    p = add("add-training", cmd_exemplars_add_training, "record a training date", esub)
    p.add_argument("--rubric", required=True, metavar="ID")
    p.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--title", required=True, metavar="T")
    p.add_argument("--question", required=True, action="append", metavar="ID",
                   help="a question the training covered (repeat for more)")
    p = add("list", cmd_exemplars_list, "the library (redacted text only)", esub)
    p.add_argument("--json", action="store_true")


def register(sub: argparse._SubParsersAction,
             add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add ``actions`` and ``report plan-feedback`` (the ``report`` group must exist)."""
    act = sub.add_parser("actions", help="the panel's actions, with re-audits",
                         description="the panel's actions, with re-audits")
    asub = act.add_subparsers(dest="actions_command", metavar="ACTION", required=True)
    p = add("add", cmd_actions_add, "add an action on a plan agreed at moderation", asub)
    p.add_argument("--session", required=True, metavar="NAME")
    p.add_argument("--plan", required=True, metavar="REF")
    p.add_argument("--text", required=True, metavar="T")
    p.add_argument("--owner", metavar="O")
    p.add_argument("--due", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--reaudit", action="store_true",
                   help="audit the plan again: it is drawn into the next sample of a later "
                   "session on the same rubric, whatever the exclusion window")
    p = add("list", cmd_actions_list, "every action, with its re-audit", asub)
    p.add_argument("--json", action="store_true")
    p = add("close", cmd_actions_close, "mark an action done", asub)
    p.add_argument("id", type=int)

    _register_exemplars(sub, add)

    report = sub.choices["report"]
    rsub = next(a for a in report._actions if isinstance(a, argparse._SubParsersAction))
    p = add("plan-feedback", cmd_report_plan_feedback,
            "the panel's agreed findings on one plan, for its caseworker", rsub)
    p.add_argument("--session", required=True, metavar="NAME")
    p.add_argument("--plan", required=True, metavar="REF")
    p.add_argument("--out", required=True, metavar="F.pdf", help="the PDF to write")
    p.add_argument("--json", metavar="F.json", help="also write the findings as JSON")
