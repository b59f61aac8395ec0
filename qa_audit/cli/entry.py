"""Command line: the same services as the GUI, for councils' data officers.

Every user error ends as one summary line on stderr (plus one line per bad row
for imports) and a non-zero exit; bugs are logged with their traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from qa_audit import __version__, paths
from qa_audit.errors import UserError
from qa_audit.services.actor import Actor

log = logging.getLogger("qa_audit")

Handler = Callable[[argparse.Namespace], int]


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


# ---------------------------------------------------------------- commands


def cmd_gui(args: argparse.Namespace) -> int:
    from qa_audit.gui.app import run_gui

    return run_gui(args.db, demo_if_new=args.demo)


def cmd_init(args: argparse.Namespace) -> int:
    from qa_audit.services.store import database

    passphrase = _init_passphrase(args)
    result = database.initialise(args.db, Actor.current(), passphrase=passphrase)
    new = [f"{r.id} v{r.version}" for r in result.rubrics if r.created]
    print(f"Database {result.database.target.path or result.database.name}: {result.schema}.")
    if new:
        print("Rubrics stored: " + ", ".join(new))
    return 0


def _init_passphrase(args: argparse.Namespace) -> str | None:
    """The SQLCipher passphrase: ``$QA_AUDIT_PASSPHRASE``, else asked for (twice when new)."""
    import getpass

    from qa_audit.services.store import database
    from qa_audit.storage import encryption

    target = database.target_for(args.db)
    # a damaged file (not shaped like an encrypted one) is refused by opening, not asked for
    existing = target.path is not None and encryption.needs_passphrase(target.path) and \
        encryption.looks_encrypted(target.path)
    if not (getattr(args, "encrypt", False) or existing):
        return None
    if not encryption.available():
        raise UserError(
            "Encryption needs the sqlcipher3 package: pip install 'qa-audit[encryption]'."
        )
    passphrase = encryption.passphrase_from_env()
    if passphrase:
        return passphrase
    if not sys.stdin.isatty():  # no one to ask: a clear refusal, not an EOFError
        raise UserError("An encrypted database needs a passphrase: set QA_AUDIT_PASSPHRASE "
                        "or run interactively to be asked for it.")
    passphrase = getpass.getpass("Database passphrase: ")
    if not existing and getpass.getpass("Repeat the passphrase: ") != passphrase:
        raise UserError("The two passphrases differ; nothing was created.")
    if not passphrase:
        raise UserError("An encrypted database needs a passphrase.")
    return passphrase


def cmd_demo(args: argparse.Namespace) -> int:
    from qa_audit.services import demo
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    summary = demo.load_demo(db, Actor.current(), seed=args.seed)
    print(summary.describe())
    return 0


def cmd_rubric_list(args: argparse.Namespace) -> int:
    from qa_audit.services import rubric_view
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    items = rubric_view.latest_rubrics(db)
    if args.json:
        _print_json([{"id": r.id, "version": r.version, "title": r.rubric.title} for r in items])
    else:
        for r in items:
            print(f"{r.id}\tv{r.version}\t{r.rubric.title}")
    return 0


def cmd_rubric_show(args: argparse.Namespace) -> int:
    from qa_audit.services import rubric_view
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    stored = rubric_view.load_rubric(db, args.id, args.version)
    data = stored.rubric.to_contract_dict(stored.version)
    if args.json:
        _print_json(data)
        return 0
    r = stored.rubric
    print(f"{r.id} v{stored.version}: {r.title}")
    bands = ", ".join(
        f"{b.from_}{'' if b.from_ == b.to else f'-{b.to}'} {b.label}{' (good)' if b.good else ''}"
        for b in r.overall.bands
    )
    print(f"Overall {r.scale_text()}: {bands}")
    for section in r.sections:
        print(f"\n[{section.id}] {section.title}")
        for q in section.questions:
            cond = f"  (applies when {q.applies_when})" if q.applies_when else ""
            print(f"  {q.id}: {q.text}{cond}")
    return 0


def cmd_rubric_validate(args: argparse.Namespace) -> int:
    from qa_audit.rubrics.loader import load_rubric_file

    rubric = load_rubric_file(Path(args.file))
    count = sum(1 for _ in rubric.questions())
    print(
        f"{args.file}: valid rubric {rubric.id!r} ({len(rubric.sections)} sections, "
        f"{count} questions)"
    )
    return 0


def cmd_rubric_import(args: argparse.Namespace) -> int:
    from qa_audit.services import rubrics
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    result = rubrics.import_rubric_file(db, Path(args.file), Actor.current())
    if args.json:
        _print_json({"id": result.id, "version": result.version, "created": result.created})
    elif result.created:
        print(f"Stored rubric {result.id} version {result.version}.")
    else:
        print(f"Rubric {result.id} version {result.version} already has this content.")
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    from qa_audit.services.store import database

    report = database.check(args.db)
    if report.healthy:
        print("Database is healthy: integrity, foreign keys and change log all ok.")
        return 0
    raise UserError(f"Database check failed: {report.problems[0]}", report.problems[1:])


def cmd_db_backup(args: argparse.Namespace) -> int:
    from qa_audit.services.store import database

    dest = database.backup(args.db, Path(args.dest))
    print(f"Backup written and verified: {dest}")
    return 0


# ---------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    """argparse, but the first line on stderr says what is wrong (the contract)."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message}\n")
        sys.stderr.write(f"(run '{self.prog} --help' for usage)\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="qa-audit",
        description="Quality assurance of EHC plans: rubrics, sampling, panel scoring, reports.",
    )
    parser.add_argument("--version", action="version", version=f"qa-audit {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or SQLAlchemy URL (default: $QA_AUDIT_DB, else the "
        "local database in your user data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(
        name: str, handler: Handler, help_text: str, parent: argparse._SubParsersAction = sub
    ) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    g = add("gui", cmd_gui, "open the desktop app (the default command)")
    g.add_argument("--demo", action="store_true", help="fill a new database with demo data")
    i = add("init", cmd_init, "create or upgrade the database (idempotent)")
    i.add_argument(
        "--encrypt",
        action="store_true",
        help="create it encrypted with SQLCipher (passphrase asked for, or "
        "$QA_AUDIT_PASSPHRASE); never stored",
    )
    d = add("demo", cmd_demo, "fill an empty database with realistic synthetic data")
    d.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")

    rub = sub.add_parser(
        "rubric",
        help="list, show, validate and import rubrics",
        description="list, show, validate and import rubrics",
    )
    rsub = rub.add_subparsers(dest="rubric_command", metavar="ACTION", required=True)
    p = add("list", cmd_rubric_list, "latest version of each rubric", rsub)
    p.add_argument("--json", action="store_true")
    p = add("show", cmd_rubric_show, "one rubric's questions, bands and themes", rsub)
    p.add_argument("id")
    p.add_argument("--version", type=int)
    p.add_argument("--json", action="store_true")
    p = add("validate", cmd_rubric_validate, "check a rubric file without storing it", rsub)
    p.add_argument("file")
    p = add("import", cmd_rubric_import, "store a rubric file (changed content: version + 1)", rsub)
    p.add_argument("file")
    p.add_argument("--json", action="store_true")

    dbp = sub.add_parser(
        "db", help="check or back up the database", description="check or back up the database"
    )
    dsub = dbp.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    add("check", cmd_db_check, "integrity, foreign-key and change-log check (read-only)", dsub)
    p = add("backup", cmd_db_backup, "consistent online backup, verified", dsub)
    p.add_argument("dest")
    from qa_audit.cli import db as cli_db

    cli_db.register(dsub, add)

    _add_workflow_commands(sub, add)
    return parser


def _add_workflow_commands(
    sub: argparse._SubParsersAction, add: Callable[..., argparse.ArgumentParser]
) -> None:
    """Register commands from modules that exist (keeps this file about argument wiring)."""
    from qa_audit.cli import workflow as cli_workflow

    cli_workflow.register(sub, add)
    cli_workflow.register_audits(sub, add)
    from qa_audit.cli import reports as cli_reports

    cli_reports.register(sub, add)
    from qa_audit.cli import loop as cli_loop

    cli_loop.register(sub, add)
    from qa_audit.cli import redaction as cli_redaction

    cli_redaction.register(sub, add)


def setup_logging(verbose: bool) -> None:
    root = logging.getLogger("qa_audit")
    root.setLevel(logging.DEBUG)
    try:
        fh = logging.handlers.RotatingFileHandler(
            paths.log_dir() / "qa-audit.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(fh)
    except OSError:  # a read-only profile must not stop the app
        pass
    if verbose:
        sh = logging.StreamHandler()
        sh.setLevel(logging.DEBUG)
        root.addHandler(sh)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.verbose)
    handler: Handler = getattr(args, "handler", None) or cmd_gui
    if not hasattr(args, "demo"):
        args.demo = False
    try:
        return handler(args)
    except BrokenPipeError:
        # the reader went away (`qa-audit ... | head -1`): nothing to say, and Python
        # must not complain again while flushing stdout at exit
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    except UserError as exc:
        sys.stderr.write(f"qa-audit: {exc.message}\n")
        for line in exc.details:
            sys.stderr.write(f"{line}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("qa-audit: interrupted\n")
        return 130
    except MemoryError:
        sys.stderr.write("qa-audit: not enough memory for this command; if it reads a file, "
                         "the file is probably far larger than a real one (see the import "
                         "limits in docs/cli.md)\n")
        return 2
    except Exception as exc:  # a bug: log the traceback, tell the user where it is
        log.exception("unexpected error")
        sys.stderr.write(
            f"qa-audit: unexpected error ({type(exc).__name__}: {exc}). This is a bug; "
            f"details are in {paths.log_dir() / 'qa-audit.log'}\n"
        )
        return 70


if __name__ == "__main__":
    raise SystemExit(main())
