"""CLI commands for a panel's month: imports, sessions, sampling."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from qa_audit.cli import board
from qa_audit.cli.output import emit
from qa_audit.errors import UserError
from qa_audit.importing.values import SERVICES
from qa_audit.services.actor import Actor


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _year_group(text: str) -> int:
    from qa_audit.importing.values import parse_year_group

    try:
        return parse_year_group(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"{text!r}: {err}") from None


def _mapping(pairs: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or []:
        field, sep, header = pair.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise UserError(f'--map needs FIELD=HEADER, e.g. plan_ref="Person ID" (got {pair!r})')
        out[field.strip().lower()] = header.strip()
    return out


def cmd_plans_import(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from qa_audit.importing.register_parse import parse_field_args
    from qa_audit.services.register_import import import_plans
    from qa_audit.services.store import database

    custom = parse_field_args(args.field)  # a bad --field fails before the database opens
    db = database.open_existing(args.db)
    result = import_plans(db, Path(args.file), _mapping(args.map), Actor.current(),
                          custom=custom)
    if result.ignored_columns:  # the contract: other unknown columns are named on stderr
        sys.stderr.write("Columns not used: " + ", ".join(result.ignored_columns)
                         + " (keep one with --field NAME=HEADER)\n")
    emit(args, result.as_json(), replace(result, ignored_columns=[]).describe("Plan register"))
    return 0


def cmd_advice_import(args: argparse.Namespace) -> int:
    from qa_audit.services.register_import import import_advice
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    result = import_advice(db, Path(args.file), _mapping(args.map), Actor.current())
    emit(args, result.as_json(), result.describe("Advice requests"))
    return 0


def cmd_session_create(args: argparse.Namespace) -> int:
    from qa_audit.services import sessions
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    info = sessions.create_session(db, args.name, args.rubric, args.date, Actor.current())
    emit(
        args,
        {
            "session": info.name,
            "date": info.date.isoformat(),
            "rubric": {"id": info.rubric_id, "version": info.rubric_version},
        },
        f"Session {info.name!r} created for {info.date:%d/%m/%Y} on rubric "
        f"{info.rubric_id} v{info.rubric_version}.",
    )
    return 0


def cmd_session_list(args: argparse.Namespace) -> int:
    from qa_audit.services import sessions
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    items = sessions.list_sessions(db)
    if args.json:
        sys.stdout.write(
            json.dumps(
                [
                    {
                        "session": s.name,
                        "date": s.date.isoformat(),
                        "status": s.status,
                        "rubric": {"id": s.rubric_id, "version": s.rubric_version},
                        "sampled": s.sampled,
                        "audited": s.audited,
                    }
                    for s in items
                ],
                indent=2,
            )
            + "\n"
        )
    else:
        for s in items:
            print(
                f"{s.date:%d/%m/%Y}\t{s.name}\t{s.status}\t{s.rubric_id} v{s.rubric_version}"
                f"\t{s.sampled} sampled, {s.audited} audited"
            )
    return 0


def cmd_member_add(args: argparse.Namespace) -> int:
    from qa_audit.services import sessions
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    member = sessions.add_member(
        db, args.session, args.name, args.agency, args.role, Actor.current()
    )
    print(f"{member.name} added to {args.session} as {member.role}.")
    return 0


def cmd_member_bind(args: argparse.Namespace) -> int:
    """Bind a member to an OS account (or unbind); only the chair's account may."""
    from qa_audit.services import panel_access
    from qa_audit.services.store import database

    if bool(args.account) == bool(args.unbind):
        raise UserError("Give the OS account to bind the member to, or --unbind.")
    db = database.open_existing(args.db)
    panel_access.bind(db, args.session, args.member, None if args.unbind else args.account)
    if args.unbind:
        print(f"{args.member} is no longer bound to an OS account.")
    else:
        print(f"{args.member} is bound to the OS account {args.account}: other accounts act "
              "as them only as a proxy the chair approves.")
    return 0


def cmd_member_proxy(args: argparse.Namespace) -> int:
    from qa_audit.services import panel_access
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    panel_access.approve_proxy(db, args.session, args.member, args.account, revoke=args.revoke)
    verb = "may no longer act" if args.revoke else "may act"
    print(f"{args.account} {verb} as {args.member} (recorded as a proxy in the change log).")
    return 0


def cmd_member_access(args: argparse.Namespace) -> int:
    from qa_audit.services import panel_access
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    for row in panel_access.access(db, args.session):
        proxies = f"; proxies: {', '.join(row.proxies)}" if row.proxies else ""
        print(f"{row.member}\t{row.role}\t{row.os_account or '(not bound)'}{proxies}")
    return 0


def cmd_session_status(args: argparse.Namespace) -> int:
    from qa_audit.services import sessions
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    # refuses with the counts (StatusGuarded, a UserError: stderr, non-zero) unless --force
    sessions.set_status(db, args.session, args.status, Actor.current(), force=args.force)
    print(f"{args.session}: {args.status}.")
    return 0


def _draw_returns(args: argparse.Namespace) -> int:
    """``sample draw`` on a session whose rubric audits advice returns (docs/cli.md)."""
    from qa_audit.services import sampling_returns
    from qa_audit.services.store import database

    if args.issued_from or args.issued_to or args.plan_type:
        raise UserError(f"{args.session!r} samples advice returns: give --requested-from/"
                        "--requested-to (and --service), not --issued-from/--issued-to/"
                        "--plan-type.")
    settings = sampling_returns.ReturnSampleSettings(
        size=args.size, percent=args.percent, seed=args.seed, stratify=args.stratify,
        requested_from=args.requested_from, requested_to=args.requested_to,
        exclude_months=args.exclude_months,
        services=tuple(args.service) if args.service else None)
    db = database.open_existing(args.db)
    result = sampling_returns.draw_returns(db, args.session, settings, Actor.current())
    text = (f"Drew {len(result.returns)} of {result.eligible} eligible advice returns for "
            f"{result.session!r} (seed {result.seed}).\n"
            + "\n".join(f"{r.plan_ref}\t{r.service}\t{r.requested_date.isoformat()}"
                        for r in result.returns))
    emit(args, result.as_json(), text)
    return 0


def cmd_sample_draw(args: argparse.Namespace) -> int:
    from qa_audit.services import sampling_returns
    from qa_audit.services.sampling import SampleSettings, draw
    from qa_audit.services.store import database

    if sampling_returns.samples_returns(database.open_existing(args.db), args.session):
        return _draw_returns(args)
    if args.requested_from or args.requested_to or args.service:
        raise UserError(f"{args.session!r} audits whole plans: --requested-from, "
                        "--requested-to and --service are for sessions on an "
                        "advice_return rubric.")
    settings = SampleSettings(
        size=args.size,
        percent=args.percent,
        seed=args.seed,
        stratify=args.stratify,
        issued_from=args.issued_from,
        issued_to=args.issued_to,
        exclude_months=args.exclude_months,
        plan_types=tuple(args.plan_type) if args.plan_type else None,
        year_groups=tuple(args.year_group) if args.year_group else None,
    )
    db = database.open_existing(args.db)
    result = draw(db, args.session, settings, Actor.current())
    text = (
        f"Drew {len(result.plans)} of {result.eligible} eligible plans for "
        f"{result.session!r} (seed {result.seed}).\n" + "\n".join(result.plans)
    )
    emit(args, result.as_json(), text)
    return 0


def cmd_sample_withdraw(args: argparse.Namespace) -> int:
    from qa_audit.services.sampling import withdraw_and_replace
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    replacement = withdraw_and_replace(
        db, args.session, args.plan_ref, args.reason, Actor.current()
    )
    if replacement:
        print(f"{args.plan_ref} withdrawn; replaced by {replacement}.")
    else:
        print(f"{args.plan_ref} withdrawn; no eligible plan was left to replace it.")
    return 0


def cmd_sample_show(args: argparse.Namespace) -> int:
    from qa_audit.services import advice_returns, sampling_returns
    from qa_audit.services.sampling import sample_rows
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    if sampling_returns.samples_returns(db, args.session):
        for n, d in enumerate(advice_returns.session_returns(db, args.session), start=1):
            print(f"{n}\t{d.plan_ref}\t{d.summary}")
        return 0
    for r in sample_rows(db, args.session):
        status = f"WITHDRAWN ({r.withdrawn_reason})" if r.withdrawn_reason else ""
        print(
            f"{r.position}\t{r.plan_ref}\t{r.issue_date:%d/%m/%Y}\t{r.primary_need or ''}\t"
            f"{r.team or ''}\t{status}"
        )
    return 0


def register(sub: argparse._SubParsersAction, add: Callable[..., argparse.ArgumentParser]) -> None:
    for kind, handler, what in (
        ("plans", cmd_plans_import, "plan register"),
        ("advice", cmd_advice_import, "advice requests and returns"),
    ):
        group = sub.add_parser(kind, help=f"import the {what}", description=f"import the {what}")
        gsub = group.add_subparsers(dest=f"{kind}_command", metavar="ACTION", required=True)
        p = add("import", handler, f"import the {what} (CSV or XLSX; all or nothing)", gsub)
        p.add_argument("file")
        p.add_argument(
            "--map",
            action="append",
            metavar="FIELD=HEADER",
            help="use the column HEADER for FIELD (repeatable)",
        )
        if kind == "plans":
            p.add_argument(
                "--field",
                action="append",
                metavar="NAME[=HEADER]",
                help="keep a further column as the custom plan field NAME (lower-case "
                "letters, digits, _); without =HEADER the column whose header matches NAME "
                "(repeatable)",
            )
        p.add_argument("--json", action="store_true", help="print counts as JSON")

    sess = sub.add_parser(
        "session",
        help="create and manage audit sessions",
        description="create and manage audit sessions",
    )
    ssub = sess.add_subparsers(dest="session_command", metavar="ACTION", required=True)
    p = add("create", cmd_session_create, "create a session on a rubric's latest version", ssub)
    p.add_argument("name")
    p.add_argument("--rubric", required=True)
    p.add_argument("--date", type=_date, help="YYYY-MM-DD (default today)")
    p.add_argument("--json", action="store_true")
    p = add("list", cmd_session_list, "list sessions", ssub)
    p.add_argument("--json", action="store_true")
    p = add("add-member", cmd_member_add, "add a panel member", ssub)
    p.add_argument("session")
    p.add_argument("name")
    p.add_argument("--agency")
    p.add_argument("--role", default="auditor", choices=("chair", "auditor", "observer"))
    p = add("bind", cmd_member_bind,
            "bind a panel member to an OS account (the chair's act)", ssub)
    p.add_argument("session")
    p.add_argument("member")
    p.add_argument("account", nargs="?", help="OS account name (Windows user name)")
    p.add_argument("--unbind", action="store_true", help="remove the binding")
    p = add("proxy", cmd_member_proxy,
            "let another OS account act as a bound member (the chair's act)", ssub)
    p.add_argument("session")
    p.add_argument("member")
    p.add_argument("account")
    p.add_argument("--revoke", action="store_true", help="withdraw the approval")
    p = add("access", cmd_member_access, "members' bound OS accounts and proxies", ssub)
    p.add_argument("session")
    p = add("status", cmd_session_status, "move a session to another status", ssub)
    p.add_argument("session")
    p.add_argument("status", choices=("planning", "scoring", "moderation", "closed"))
    p.add_argument("--force", action="store_true",
                   help="go ahead with plans unscored (moderation) or unmoderated (closed)")

    samp = sub.add_parser(
        "sample",
        help="draw and amend a session's sample",
        description="draw and amend a session's sample",
    )
    spsub = samp.add_subparsers(dest="sample_command", metavar="ACTION", required=True)
    p = add("draw", cmd_sample_draw, "draw and store the session's sample", spsub)
    p.add_argument("--session", required=True)
    size = p.add_mutually_exclusive_group(required=True)
    size.add_argument("--size", type=int)
    size.add_argument("--percent", type=float)
    p.add_argument("--seed", type=int)
    p.add_argument(
        "--stratify", metavar="FIELD",
        help="team, phase, primary_need, setting_type, plan_type, year_group or a custom "
        "plan field",
    )
    p.add_argument("--issued-from", type=_date)
    p.add_argument("--issued-to", type=_date)
    p.add_argument("--exclude-months", type=int, default=12)
    p.add_argument(
        "--plan-type",
        action="append",
        choices=("new", "amended", "review"),
        help="only these plan types (repeatable; default all)",
    )
    p.add_argument(
        "--year-group", action="append", type=_year_group, metavar="NCY",
        help="only plans in this year group (N1, N2, R or -2 to 14; repeatable), e.g. the "
        "transition points --year-group 5 --year-group 6 --year-group 9 --year-group 11",
    )
    returns = p.add_argument_group("sessions on an advice_return rubric (advice returns)")
    returns.add_argument("--requested-from", type=_date)
    returns.add_argument("--requested-to", type=_date)
    returns.add_argument("--service", action="append", choices=SERVICES,
                         help="only returns from this service (repeatable; default every "
                         "health service); --stratify service for a stratum per service")
    p.add_argument("--json", action="store_true")
    p = add("withdraw", cmd_sample_withdraw, "withdraw a plan and draw its replacement", spsub)
    p.add_argument("--session", required=True)
    p.add_argument("plan_ref")
    p.add_argument("--reason", required=True)
    p = add("show", cmd_sample_show, "list the session's sample", spsub)
    p.add_argument("--session", required=True)
    board.register_imports(sub, add)


def cmd_audits_import(args: argparse.Namespace) -> int:
    from qa_audit.services.audits_import import import_audits
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    result = import_audits(
        db, Path(args.file), Actor.current(), session_name=args.session, rubric_id=args.rubric,
        replace_agreed=args.replace_agreed,
    )
    emit(args, result.as_json(), result.describe("Scored audits"))
    return 0


def register_audits(
    sub: argparse._SubParsersAction, add: Callable[..., argparse.ArgumentParser]
) -> None:
    group = sub.add_parser(
        "audits",
        help="import scored audits",
        description="import scored audits (e.g. years of Excel workbooks)",
    )
    gsub = group.add_subparsers(dest="audits_command", metavar="ACTION", required=True)
    p = add("import", cmd_audits_import, "import scored audits (CSV or XLSX; all or nothing)", gsub)
    p.add_argument("file")
    p.add_argument("--session", help="session for rows without a session column")
    p.add_argument("--rubric", help="rubric id for sessions the file creates")
    p.add_argument("--replace-agreed", action="store_true",
                   help="replace the panel's agreed scores (each replaced value is logged)")
    p.add_argument("--json", action="store_true")
