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
    from qa_audit.reporting import answers_table
    from qa_audit.services import answers_export
    from qa_audit.services.store import database

    path = answers_table.check_out_path(args.out)  # a wrong suffix before any reading
    db = database.open_existing(args.db)
    rows = answers_export.agreed_answers(db, args.from_month, args.to_month,
                                         rubric_id=args.rubric)
    written = answers_table.write_answers(rows, path)
    sessions = len({r.session for r in rows})
    print(f"{len(rows)} agreed answer{'s' * (len(rows) != 1)} from {sessions} "
          f"session{'s' * (sessions != 1)}.")
    print(f"Written: {written}")
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
