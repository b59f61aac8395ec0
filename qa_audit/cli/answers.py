"""``qa-audit report answers``: the analysts' export (issue 18 item 5).

    qa-audit report answers --from YYYY-MM --to YYYY-MM --out F.xlsx|F.csv [--rubric ID]

One row per agreed answer of the sessions dated in the period, for Power BI and
Excel. Written with pandas, which the desktop bundle leaves out: there the command
says so (exit 2) and the installed command line writes it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

# deferred imports: the services and pandas load only when this command runs


def cmd_report_answers(args: argparse.Namespace) -> int:
    from qa_audit.services import answers_export
    from qa_audit.services.store import database

    db = database.open_existing(args.db)
    done = answers_export.export_answers(db, args.from_month, args.to_month, args.out,
                                         rubric_id=args.rubric)
    print(f"{done.answers} agreed answer{'s' * (done.answers != 1)} from {done.sessions} "
          f"session{'s' * (done.sessions != 1)}.")
    print(f"Written: {done.path}")
    return 0


def register(rsub: argparse._SubParsersAction,
             add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("answers", cmd_report_answers,
            "one row per agreed answer, for analysts (XLSX or CSV)", rsub)
    p.add_argument("--from", dest="from_month", required=True, metavar="YYYY-MM")
    p.add_argument("--to", dest="to_month", required=True, metavar="YYYY-MM")
    p.add_argument("--out", required=True, metavar="F.xlsx|F.csv",
                   help="the file to write: .xlsx (Excel) or .csv (UTF-8 with BOM)")
    p.add_argument("--rubric", metavar="ID", help="only sessions on this rubric (default: all)")
